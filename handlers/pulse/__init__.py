"""`/pulse` (admins): the community's week in numbers, the chart and the CSV."""
