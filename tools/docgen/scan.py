"""Turn a born-digital PDF into a 'scanned' document.

pdftoppm renders each page at the scan resolution; the page image is then
degraded the way office scanners and copiers degrade paper (tilt, blur,
noise, grey paper, speckles, pages fed upside down) and saved as an
image-only PDF, PNG, JPEG or TIFF with the resolution in the file.

All randomness comes from the caller's random.Random, so a scan is
reproducible from the seed (image bytes can still differ between library
versions).
"""
import glob
import os
import subprocess
import tempfile
import time

import numpy as np
from PIL import Image, ImageFilter

# Degradation strength per level.
LEVELS = {
    "mild": dict(tilt=(0.5, 2.0), blur=(0.4, 0.8), noise=(3.0, 7.0), ink=(8, 30),
                 paper=(238, 250), quality=85, speckles=(0, 0), shade=0.0),
    "heavy": dict(tilt=(1.5, 10.0), blur=(0.9, 1.5), noise=(10.0, 18.0), ink=(35, 75),
                  paper=(205, 235), quality=40, speckles=(1500, 5000), shade=0.18),
}
CLEAN_QUALITY = 95
SCAN_EPOCH = 1767225600  # 2026-01-01T00:00:00Z, written as the scan date of PDFs


def rasterize(pdf_path: str, dpi: int, color: bool, workdir: str):
    """Render every page with pdftoppm; returns PIL images in page order."""
    root = os.path.join(workdir, "p")
    cmd = ["pdftoppm", "-r", str(dpi)] + ([] if color else ["-gray"]) + [pdf_path, root]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    files = glob.glob(root + "-*.p[gp]m")
    files.sort(key=lambda f: int(f.rsplit("-", 1)[1].split(".")[0]))
    images = []
    for f in files:
        with Image.open(f) as im:
            images.append(im.copy())
    return images


def _gradient(shape, strength, rng):
    """Uneven lighting: a linear fall-off across the page."""
    h, w = shape[:2]
    axis = rng.random() < 0.5
    n = w if axis else h
    ramp = np.linspace(1.0, 1.0 - strength * rng.uniform(0.4, 1.0), n, dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    g = ramp[None, :] if axis else ramp[:, None]
    return g[..., None] if len(shape) == 3 else g


def degrade(img: Image.Image, level: str, dpi: int, rng, rotate_prob: float):
    """Degrade one page image; returns (image, {'rotation', 'tilt'}).

    rotation: 0/90/180/270, degrees counter-clockwise the page content was
    turned (a sheet fed upside down is 180); tilt: small skew angle in
    degrees, counter-clockwise positive, applied before the rotation.
    """
    info = {"rotation": 0, "tilt": 0.0}
    if level == "none":
        return img, info
    p = LEVELS[level]
    scale = dpi / 300.0
    nrng = np.random.default_rng(rng.getrandbits(63))
    arr = np.asarray(img, dtype=np.float32)
    # Ink is never black and paper never white once scanned.
    ink, paper = rng.uniform(*p["ink"]), rng.uniform(*p["paper"])
    arr = ink + arr * ((paper - ink) / 255.0)
    if p["shade"]:
        arr *= _gradient(arr.shape, p["shade"], rng)
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    # Skew: the sheet lies askew on the glass or in the feeder.
    lo, hi = p["tilt"]
    # Small skews are common, large ones rare: skew the draw towards lo.
    tilt = round((lo + (hi - lo) * rng.random() ** 2) * rng.choice((-1, 1)), 2)
    border = paper if level == "mild" or rng.random() < 0.7 else rng.uniform(30, 80)
    fill = int(border) if img.mode == "L" else (int(border),) * 3
    img = img.rotate(tilt, resample=Image.BILINEAR, expand=True, fillcolor=fill)
    info["tilt"] = tilt
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(*p["blur"]) * scale))
    arr = np.asarray(img, dtype=np.float32).copy()
    sigma = rng.uniform(*p["noise"])
    noise = nrng.standard_normal(arr.shape[:2], dtype=np.float32) * sigma
    arr += noise[..., None] if arr.ndim == 3 else noise
    lo, hi = p["speckles"]
    if hi:
        _speckle(arr, nrng, int(rng.uniform(lo, hi)), scale)
    if level == "mild" and rng.random() < 0.6:
        # Many scanners clip the paper to white ("background removal"): the
        # noise then survives only near the ink, as on real office scans.
        white = paper - 2.5 * sigma
        arr[arr > white] = 255.0
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    # Now and then a page goes through upside down, more rarely sideways.
    if rng.random() < rotate_prob:
        rot = 180 if rng.random() < 0.75 else rng.choice((90, 270))
        img = img.transpose({90: Image.ROTATE_90, 180: Image.ROTATE_180,
                             270: Image.ROTATE_270}[rot])
        info["rotation"] = rot
    return img, info


def _speckle(arr, nrng, count, scale):
    """Dark dust specks and a few white drop-outs, 1-3 px at 300 dpi."""
    h, w = arr.shape[:2]
    ys = nrng.integers(0, h - 4, count)
    xs = nrng.integers(0, w - 4, count)
    sizes = np.maximum(1, (nrng.integers(1, 4, count) * scale).astype(int))
    dark = nrng.random(count) < 0.85
    for y, x, s, d in zip(ys, xs, sizes, dark):
        arr[y:y + s, x:x + s] = 20.0 if d else 250.0


def to_bilevel(img: Image.Image, threshold: int = 150) -> Image.Image:
    """Fixed-threshold black and white, as fax-like scanners produce."""
    gray = img.convert("L")
    return gray.point([255 if v > threshold else 0 for v in range(256)], "1")


def save(images, fmt: str, path: str, dpi: int, quality: int, bilevel: bool):
    """Write the page images; dpi goes into the file (pHYs, JFIF, TIFF tags)."""
    first, rest = images[0], images[1:]
    if fmt == "pdf":
        # No text layer: PIL writes each page as one JPEG (or CCITT) image.
        # Fixed dates: Pillow would otherwise stamp the current time.
        stamp = time.gmtime(SCAN_EPOCH)
        first.save(path, "PDF", resolution=float(dpi), save_all=True, append_images=rest,
                   quality=quality, creationDate=stamp, modDate=stamp, creator="quai docgen")
    elif fmt == "png":
        # Level 3: noisy scans barely compress better at 6 and take 3x longer.
        first.save(path, "PNG", dpi=(dpi, dpi), compress_level=3)
    elif fmt == "jpg":
        first.save(path, "JPEG", dpi=(dpi, dpi), quality=quality)
    elif fmt == "tif":
        comp = "group4" if bilevel else "tiff_lzw"
        first.save(path, "TIFF", dpi=(dpi, dpi), compression=comp, save_all=True,
                   append_images=rest)
    else:
        raise ValueError(fmt)


def scan_pdf(pdf_path: str, out_path: str, fmt: str, dpi: int, level: str, rng,
             rotate_prob: float, color: bool, bilevel: bool):
    """Rasterise, degrade and save; returns per-page info dicts."""
    with tempfile.TemporaryDirectory(prefix="docgen-") as tmp:
        pages = rasterize(pdf_path, dpi, color and not bilevel, tmp)
    out, infos = [], []
    for im in pages:
        im, info = degrade(im, level, dpi, rng, rotate_prob)
        if bilevel:
            im = to_bilevel(im)
        out.append(im)
        infos.append(info)
    quality = CLEAN_QUALITY if level == "none" else LEVELS[level]["quality"]
    save(out, fmt, out_path, dpi, quality, bilevel)
    return infos
