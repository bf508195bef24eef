"""The script editor screen on its own: typing, problems, structure, saving, snapshots."""
