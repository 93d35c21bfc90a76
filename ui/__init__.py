"""The Qt client: views (layout) and controllers (behaviour) over the services of app/."""
