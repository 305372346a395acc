"""Draw images/banner.png: a red demonstration banner reading "Вся власть Советам!".

A drawing made for this lecture, after the hand-lettered banner carried in Petrograd
on 21 April 1917. Flat colours only, so the PNG stays small once quantised.

Run from the project root:  .venv/bin/python source/images/make_banner.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parents[1] / "assets/fonts/charis/CharisSIL-Bold.ttf"
OUT = HERE / "banner.png"

W, H = 1600, 900
SKY = (236, 226, 208)      # pale winter sky
GROUND = (92, 84, 78)      # grey crowd/ground band
POLE = (96, 62, 36)        # wooden poles
RED = (184, 28, 36)        # banner cloth
RED_DARK = (140, 18, 26)   # hem and fold shading
CREAM = (250, 244, 230)    # lettering

img = Image.new("RGB", (W, H), SKY)
d = ImageDraw.Draw(img)

# A band of ground with a row of rounded "heads" for the crowd below the banner.
d.rectangle([0, 672, W, H], fill=GROUND)
for i, x in enumerate(range(-20, W + 60, 70)):
    r = 30 + (i * 7) % 12
    d.ellipse([x - r, 690 - r - (i * 13) % 25, x + r, 690 + r], fill=GROUND)

# Two poles carrying the cloth.
for x in (150, W - 150):
    d.rectangle([x - 12, 140, x + 12, 760], fill=POLE)
    d.ellipse([x - 22, 118, x + 22, 162], fill=POLE)

# The cloth: a rectangle with a darker hem and a fringe of small triangles.
top, bottom, left, right = 200, 520, 162, W - 162
d.rectangle([left, top, right, bottom], fill=RED)
d.rectangle([left, bottom - 26, right, bottom], fill=RED_DARK)
for x in range(left, right, 40):
    d.polygon([(x, bottom), (x + 40, bottom), (x + 20, bottom + 34)], fill=RED_DARK)

# The slogan: 16 letters on a single line, as on the banner of 21 April 1917.
text = "Вся власть Советам!"
size = 150
font = ImageFont.truetype(str(FONT), size)
while d.textlength(text, font=font) > (right - left) - 120:
    size -= 4
    font = ImageFont.truetype(str(FONT), size)
cx, cy = W / 2, (top + bottom - 26) / 2
d.text((cx, cy), text, font=font, fill=CREAM, anchor="mm")

# Quantise to a small palette and save optimised.
img.quantize(colors=16, method=Image.Quantize.MEDIANCUT).save(OUT, optimize=True)
print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
