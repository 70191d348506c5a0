"""Agencies, their enrolled terminals, enrolment codes, and the check that a request comes from one of them."""
