"""The small core every wing stands on: the context of a use case (store, clock, signed-in user,
calendar in force), the calendar options, and the clock guard that runs before writes."""
