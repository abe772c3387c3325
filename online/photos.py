"""Phone photos of one document, as one PDF: the dossier keeps a document per slot, whatever
the phone took (Pillow; EXIF rotation applied, large photos scaled down)."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# A4 at about 200 dpi: readable when printed, a few hundred KB per page.
MAX_SIDE = 2339


def photos_to_pdf(photos: list[bytes]) -> bytes:
    """One PDF with one page per photo, in the order given. Raises ValidationError for a photo
    Pillow cannot read (or one that decompresses to an absurd size)."""
    pages = []
    try:
        for data in photos:
            with Image.open(io.BytesIO(data)) as image:
                image = ImageOps.exif_transpose(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE))
                pages.append(image.convert("RGB"))
    except (OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(
            _("A photo could not be read. Take it again, or send it as a PDF."), code="bad_photo"
        ) from error
    output = io.BytesIO()
    pages[0].save(output, "PDF", save_all=True, append_images=pages[1:], resolution=200.0)
    return output.getvalue()
