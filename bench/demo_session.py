"""What the page benchmarks share: the demo district's office account (loading the demo when it
is missing) and a client signed in as it with a verified OTP session. Call inside a transaction
that is rolled back: the OTP device is created for the run only."""

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.models import User
from fazhi.demo.loader import load_demo

DEVICE_NAME = "基准测试"


def demo_office() -> User:
    office = User.objects.filter(username="office").first()
    if office is None:
        print("演示数据不存在，先运行 load_demo …")
        load_demo()
        office = User.objects.get(username="office")
    return office


def verified_client(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
