"""The window's frame: the application object, start-up sequence, main window, the ``Page`` every
page derives from and the change hub that keeps them current, error display, worker threads and
shared widgets."""
