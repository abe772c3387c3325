from org.access import is_system_admin


def staff(request):
    """The roles of the logged-in user, loaded lazily: public pages never query them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def roles():
        if not hasattr(request, "_motcua_roles"):
            request._motcua_roles = list(user.roles.select_related("agency"))
        return request._motcua_roles

    return {"staff_roles": roles, "is_system_admin": is_system_admin(user)}
