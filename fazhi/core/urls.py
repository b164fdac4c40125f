from django.urls import path

from fazhi.core import views

URL_PREFIX = "accounts/"
app_name = "core"
urlpatterns = [
    path("otp/", views.otp, name="otp"),
    path("password/", views.password_change, name="password_change"),
]
