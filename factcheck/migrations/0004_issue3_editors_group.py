"""The Editors group with exactly the permissions the desk needs.

Editors turn an article into a timeline of events and a list of claims
(articles, events with their sources and actors, timelines), rate and publish
claims (the panel checks `factcheck.change_claim`), and read the verdict scale
and the verdict history. They delete nothing that readers may have seen:
claims, events, articles and timelines stay; only a claim's or an event's
source links can be removed, as part of editing it. The verdict history has
no add, change or delete permission for anyone but the services.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

PERMISSIONS = [
    # The panel and the ingest page.
    "factcheck.view_claim",
    "factcheck.add_claim",
    "factcheck.change_claim",
    "factcheck.view_claimsource",
    "factcheck.add_claimsource",
    "factcheck.change_claimsource",
    "factcheck.delete_claimsource",
    "factcheck.view_verdict",
    "factcheck.view_verdictchange",
    # Articles, events and timelines (admin back office, ingest).
    "timeline.view_article",
    "timeline.add_article",
    "timeline.change_article",
    "timeline.view_event",
    "timeline.add_event",
    "timeline.change_event",
    "timeline.view_eventsource",
    "timeline.add_eventsource",
    "timeline.change_eventsource",
    "timeline.delete_eventsource",
    "timeline.view_actor",
    "timeline.add_actor",
    "timeline.change_actor",
    "timeline.view_timeline",
    "timeline.add_timeline",
    "timeline.change_timeline",
    "timeline.view_timelineentry",
    "timeline.add_timelineentry",
    "timeline.change_timelineentry",
    "timeline.delete_timelineentry",
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # them now so the group can hold them on a fresh database.
    for app_label in ("timeline", "factcheck"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [tuple(name.split(".")) for name in PERMISSIONS]
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename) for app_label, codename in wanted
    ]
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0003_issue4_search_indexes"),
        ("timeline", "0002_issue4_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
