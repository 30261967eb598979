"""Turns a born-digital PDF into a scan: pdftoppm renders it, PIL/numpy degrade
it (tilt up to 2 degrees, blur, noise, uneven lighting, grey or bitonal, JPEG
artefacts), and it is saved as PNG, TIFF, JPEG or a PDF holding only images."""

import glob
import io
import os
import subprocess
import tempfile
import time

import numpy as np
from PIL import Image, ImageFilter


def rasterize(pdf, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf, os.path.join(tmp, "p")], check=True)
        pages = []
        for path in sorted(glob.glob(os.path.join(tmp, "p*.pgm"))):
            with Image.open(path) as im:
                pages.append(im.copy())
        return pages


def degrade(img, rng, level):
    """level: 'mild' or 'hard'."""
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    angle = rng.uniform(-2.0, 2.0) if level == "hard" else rng.uniform(-0.8, 0.8)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if rng.random() < 0.8:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.1 if level == "hard" else 0.7)))
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape
    # uneven lighting and a slightly grey paper
    gy = np.linspace(0, 1, h)[:, None]
    gx = np.linspace(0, 1, w)[None, :]
    light = 1.0 - rng.uniform(0.0, 0.12) * (gx * rng.random() + gy * rng.random())
    a = a * light - rng.uniform(0, 18)
    a += np_rng.normal(0, rng.uniform(3, 12 if level == "hard" else 7), a.shape)
    # specks
    n = int(h * w * rng.uniform(0.00002, 0.0002))
    ys, xs = np_rng.integers(0, h, n), np_rng.integers(0, w, n)
    a[ys, xs] = np_rng.uniform(0, 120, n)
    a = np.clip(a, 0, 255).astype(np.uint8)
    img = Image.fromarray(a, "L")
    if rng.random() < 0.25:
        threshold = rng.randint(150, 190)
        img = img.point(lambda v: 255 if v > threshold else 0).convert("1")
    return img


def save(pages, base, fmt, dpi, rng):
    """Returns the file written. Several pages go to TIFF or PDF."""
    if len(pages) > 1 and fmt in ("png", "jpg"):
        fmt = rng.choice(["tif", "pdf"])
    path = f"{base}.{fmt}"
    if fmt == "jpg":
        pages[0].convert("L").save(path, "JPEG", quality=rng.randint(35, 80), dpi=(dpi, dpi))
    elif fmt == "png":
        pages[0].save(path, "PNG", dpi=(dpi, dpi))
    elif fmt == "tif":
        comp = "group4" if all(p.mode == "1" for p in pages) else "tiff_deflate"
        pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression=comp)
    else:
        # JPEG-compressed pages inside a PDF, as scanners produce them
        jpgs = []
        for p in pages:
            buf = io.BytesIO()
            p.convert("L").save(buf, "JPEG", quality=rng.randint(45, 85))
            buf.seek(0)
            jpgs.append(Image.open(buf))
        fixed = time.gmtime(1767225600)  # 2026-01-01, no time of day in the file: the same seed, the same bytes
        jpgs[0].save(path, "PDF", save_all=True, append_images=jpgs[1:], resolution=float(dpi),
                     creationDate=fixed, modDate=fixed, producer="quai gen2")
    return path
