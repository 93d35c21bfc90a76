"""What every feature's HTTP routes share: the calling machine and the acting person as FastAPI
dependencies. The center's server (app.center.server) mounts the features' routers; the features
never import app.center."""
