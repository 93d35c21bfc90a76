"""The dossier (卷宗) of a case: one file with its directory, the materials as the published
guide lists them, every notice, every step with its people, special steps with the people's
qualifications, and the authorization letters it was decided under (DESIGN §4 rule 10)."""
