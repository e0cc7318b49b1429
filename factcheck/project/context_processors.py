from django.conf import settings
from django.http import HttpRequest


def newsroom(request: HttpRequest) -> dict[str, str]:
    """The publishing newsroom's name, for the header and footer."""
    return {"NEWSROOM_NAME": settings.NEWSROOM_NAME}
