"""Qt only: windows, dialogs and table models. Calls services, never SQL."""
