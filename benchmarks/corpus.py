"""A deterministic benchmark corpus of any size: news pages with site chrome, built from the sample
corpus's sentences mixed with background sentences that carry no event (most news text carries none).

Same ``n`` and ``seed``, same corpus: byte for byte.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta

from khyber.cli import samples_dir
from khyber.ingest.sources import parse_text_file

BACKGROUND = [
    "The weather in {city} is expected to stay {adj} for the rest of the week, the meteorological office said.",
    "Prices of {good} rose by {n} percent in {city} markets over the past month, according to traders.",
    "The provincial education department announced that schools in {city} would reopen after the winter break.",
    "Analysts said the {adj} outlook for the economy depended on the coming harvest and on remittances.",
    "The city's traffic police deployed {n} additional wardens to manage congestion on the main roads.",
    "Residents of {city} complained of long power outages that lasted up to {n} hours a day.",
    "The region has a long history of trade, and its bazaars have drawn merchants for centuries.",
    "Officials expect the {good} crop to exceed last year's output if the rains continue.",
    "A local hospital in {city} opened a new wing with {n} beds for children.",
    "The stock exchange closed {n} points higher on Tuesday as investors bought banking shares.",
    "Historians note that the road through the pass has been used by travellers for more than two thousand years.",
    "The festival, held every spring, attracts thousands of visitors from across the country.",
]
CITIES = ["Peshawar", "Quetta", "Lahore", "Karachi", "Jalalabad", "Kandahar", "Herat", "Multan", "Mardan", "Kabul"]
GOODS = ["wheat", "flour", "sugar", "cooking oil", "tomatoes", "onions", "rice", "petrol"]
ADJS = ["cold", "dry", "mild", "uncertain", "cautious", "hot", "humid"]
CHROME = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Times</title>
<meta property="article:published_time" content="{date}T09:00:00+05:00"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="ticker">Breaking: markets steady as rupee holds</div>
<article><h1>{title}</h1><div class="share">Share on Facebook Share on X</div>
{paragraphs}
</article>
<section id="respond"><h3>Leave a Comment</h3><p>Your email address will not be published.</p></section>
<aside><h3>Latest Videos</h3><ul><li>Cricket highlights</li><li>Budget explained</li></ul></aside>
<footer>&copy; Bench Times. All rights reserved.</footer></body></html>"""


def _sample_sentences() -> list[str]:
    out = []
    for path in sorted((samples_dir() / "text").glob("*.txt")):
        raw = parse_text_file(path.read_text("utf-8"), str(path))
        for para in (raw.text or "").split("\n\n"):
            if "sample article" in para:
                continue
            out.extend(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para.strip()) if len(s) > 40)
    return out


def generate(n: int, seed: int = 7, event_share: float = 0.35) -> Iterator[tuple[str, str]]:
    """``n`` (id, html) pages; about ``event_share`` of their sentences come from real sample news."""
    rng = random.Random(seed)
    news = _sample_sentences()
    start = date(2021, 8, 15)
    for i in range(n):
        k = rng.randint(8, 16)
        sents = []
        for _ in range(k):
            if rng.random() < event_share:
                sents.append(rng.choice(news))
            else:
                sents.append(
                    rng.choice(BACKGROUND).format(
                        city=rng.choice(CITIES), good=rng.choice(GOODS), adj=rng.choice(ADJS), n=rng.randint(2, 90)
                    )
                )
        paras = ["<p>" + " ".join(sents[j : j + 3]) + "</p>" for j in range(0, len(sents), 3)]
        day = start + timedelta(days=rng.randint(0, 1500))
        title = f"Bench story {i}: " + sents[0][:60].rstrip()
        yield f"bench-{i:06d}", CHROME.format(title=title, date=day.isoformat(), paragraphs="\n".join(paras))


def write_jsonl(path: str, n: int, seed: int = 7) -> None:
    import json

    with open(path, "w", encoding="utf-8") as f:
        for doc_id, html in generate(n, seed):
            f.write(json.dumps({"id": doc_id, "html": html}) + "\n")
