"""The community's pulse (issue 18): are friendships forming? Weekly figures for admins,
computed as SQL aggregates, and the five lines, chart and CSV built from them."""
