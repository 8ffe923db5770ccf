"""The dossier record: typed models, normal forms and the error hierarchy shared by every stage."""

from record.errors import TdktError
from record.models import DossierRecord

__all__ = ["DossierRecord", "TdktError"]
