"""帮办代办 page: help requests with their project plans, assignment from the agent pool's
suggestion, the progress log and reminders, closing and the applicant's rating, and the agents'
workload for managers."""
