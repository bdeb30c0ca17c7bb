"""Write the sRGB colour profile that archival PDFs name as their output intent.

The profile is littleCMS's built-in sRGB (ICC v4, 588 bytes, marked "No copyright, use
freely"), made through Pillow's binding; the file is kept in the repository so that a render
never needs Pillow. Run from the project root: python scripts/make_srgb_icc.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import ImageCms

TARGET = Path(__file__).resolve().parent.parent / "renderer/formats/pdf/data/srgb.icc"


def main() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    TARGET.write_bytes(profile.tobytes())
    print(f"{TARGET}: {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()
