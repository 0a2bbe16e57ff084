"""Campaigns: the inventory of a pool and onboarding sessions (Qt-free, SQLite).

boto3 only through :mod:`cogtotp_gui.enrollment.gateway`; everything kept in
one local SQLite database (:mod:`cogtotp_gui.campaign.database`). Nothing
here is imported before the main window's first paint.
"""
