from org.access import is_system_admin, is_volunteer_only, roles_of


def staff(request):
    """The roles of the logged-in user, loaded lazily: public pages never query them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def roles():
        return roles_of(user)

    def role_names():
        return {held.role for held in roles_of(user)}

    return {
        "staff_roles": roles,
        "staff_role_names": role_names,
        "is_system_admin": is_system_admin(user),
        # Lazy too: only the staff menu asks, to show a volunteer their guidance screens only.
        "volunteer_only": lambda: is_volunteer_only(user),
    }
