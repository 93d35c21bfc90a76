"""授权书: the departments' written authorizations of their chief representatives, recorded and
revoked by managers at the center, and the letters running out (shown at login)."""
