"""The Qt client: views (layout) and controllers (behaviour) over the services of app/."""

# pydantic's types (the DTOs' Base64Bytes) are imported before PySide6: shiboken's import hook
# reads the source of each module imported after it, which trips over pydantic's lazy attributes
# while pydantic._internal._validators is half initialized (ImportError at start-up).
import pydantic.types  # noqa: F401
