"""The centre: the city's home-service traceability system (家政服务信息追溯系统), a Django project.

Rooms (each a Django app unless said otherwise):
    terminals/     agencies, enrolled terminals, enrolment codes, signed-request authentication
    sync/          the terminal sync API: pushed events and verdicts, current records, the decisions feed
    credentials/   the credential status register, the centre's status decisions, the public verification page
    settings.py    configuration from the environment (see docs/centre.md)
    api.py         the typed terminal API (django-ninja) and its OpenAPI document
    cli.py         `terminal-server`: serve, and the centre staff's commands
Only `wirecontract` is imported from outside the centre.
"""
