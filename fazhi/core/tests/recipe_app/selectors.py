from fazhi.core.tests.recipe_app.models import Permit, PermitState


def permit_list(*, user):
    return Permit.objects.for_user(user)


def permits_waiting(*, user):
    return permit_list(user=user).filter(state=PermitState.RECEIVED)
