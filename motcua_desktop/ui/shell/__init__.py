"""The window's frame: the application object, start-up sequence, main window and its pages,
error display, worker threads and shared widgets."""
