# list and tree queries (uc-shell)
from desktop_app.services.areas.tree import AreaNode as AreaNode
from desktop_app.services.areas.tree import area_tree as area_tree
from desktop_app.services.areas.tree import areas_exist as areas_exist
