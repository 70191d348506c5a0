from django.apps import AppConfig


class PoliceCheckConfig(AppConfig):
    name = "centre.policecheck"
    label = "policecheck"
    verbose_name = "公安核查 · Police check"

    def ready(self) -> None:
        from centre.complaints.templatetags.casework import lazy_text
        from centre.console.navigation import NavLink, register_link
        from centre.policecheck import actions

        register_link(NavLink("policecheck:overview", lazy_text("公安核查", "Police check"), actions.VIEW, 45))
