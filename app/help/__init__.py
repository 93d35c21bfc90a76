"""Help and agent service (帮办代办): requests, the agent pool, project plans, the 委托书, the
progress log and the help's rating (DESIGN §3.5, §4 rule 9). Appointments are app.appointments."""
