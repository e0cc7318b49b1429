from django.conf import settings


def newsroom(request):
    """The publishing newsroom's name, for the header and footer."""
    return {"NEWSROOM_NAME": settings.NEWSROOM_NAME}
