"""find_duplicates on real-looking news text: every copy kind is found, distinct articles that
share site chrome or quotes stay apart, results do not depend on row order, and earlier runs'
articles are found again from their stored signatures alone (incremental runs)."""
import random

import polars as pl
import pytest

from tasks.dedupe import choose_kept, compute_signatures, find_duplicates

# Articles written for these tests. PORT_A and PORT_B report one event and share the minister's
# quotes; COUNCIL and LIBRARY are short pieces of one site, carrying that site's long chrome.
PORT_A = """Dock workers at the northern container terminal walked off the job on Monday morning, halting the loading of at least eleven vessels and leaving trucks queued for several kilometres along the coastal highway.

The strike was called by the port workers' union after talks over night-shift pay collapsed late on Sunday. Union officials said members had not received the allowance promised in the spring agreement and that overtime had been cut without consultation.

"We will not accept a settlement that treats the night shift as a favour," the union's regional secretary, Mirela Vasilescu, told reporters outside the main gate. She said the stoppage would last at least forty-eight hours.

Transport Minister Andrei Dobre urged both sides to return to the table. "The port is the country's front door, and it cannot stay closed while we argue about who blinked first," Dobre said in a statement. "I have asked the management to present a written offer by Wednesday."

The terminal operator said it regretted the disruption and had already proposed a phased increase in allowances. A spokesman said about a third of scheduled departures had been moved to the southern terminal, where a separate contract applies.

Exporters of grain and timber warned that delays would quickly become expensive. One shipping agent estimated that each idle vessel costs its charterer more than twenty thousand euros a day, and said several ships had already asked for permission to anchor outside the breakwater.

Police reported no incidents. The union said pickets would remain at all four gates through Tuesday night."""

PORT_B = """Government ministers spent Tuesday trying to contain the political fallout from the dock strike, as opposition leaders accused the coalition of neglecting infrastructure workers for years.

In a tense session of the transport committee, deputies questioned why the spring agreement had never been funded. The committee chair, Ion Radulescu, said the budget line for port allowances had been moved to road maintenance in June without a public vote.

Transport Minister Andrei Dobre defended his record. "The port is the country's front door, and it cannot stay closed while we argue about who blinked first," he repeated, adding that he would meet union leaders himself on Thursday.

Opposition deputies were unconvinced. Elena Marinescu of the liberal bloc said the ministry had ignored three written warnings from the union since April and demanded that the finance minister appear before the committee next week.

Business groups joined the criticism. The chamber of commerce said member firms had reported cancelled orders from buyers in Germany and Egypt, and asked the government to publish a timetable for resolving the dispute.

Economists said the strike was unlikely to change the quarterly growth figures on its own but would add to pressure on the budget. A senior analyst at a local bank said the coalition had little room to raise public sector pay before the spring elections.

The committee will resume its hearing on Friday morning."""

COUNCIL = """The city council approved a plan on Thursday to convert the disused tram depot on Lake Street into a covered market with space for about sixty stalls.

Councillors voted twenty-one to six in favour after a debate that lasted most of the afternoon. Supporters said the market would bring life back to a neighbourhood that lost its last supermarket two years ago; opponents questioned the cost of repairing the depot's roof.

Construction is expected to start next spring, and the first traders could move in by the end of the following year."""

LIBRARY = """The municipal library will open on Sundays from next month, the culture department announced, after a petition signed by more than four thousand residents.

The extra day will be staffed by volunteers from the university's literature faculty, who will also run a reading club for teenagers and a weekly session helping older residents use online public services.

Library director Ana Popa said visits had risen by a quarter since the reading room was renovated, and that Sunday had been the most requested change in last year's survey."""

HEADER = "Home\nNews\nPolitics\nEconomy\nCulture\nSubscribe\nSign in\nSearch"
APPEAL = ("Support independent journalism. Our reporters cover the city council, the courts and the port "
          "every day, and everything we publish is free to read. This costs money: if you value our work, "
          "please consider a monthly contribution of any size. Every contribution, however small, helps us "
          "stay independent and keeps our reporting open to everyone. It takes less than a minute to set up.")
FOOTER = ("City Herald, 14 Harbour Road, 900123 Constanta\nTel: +40 241 555 010 | E-mail: desk@example.org\n"
          "Copyright 2011-2025 City Herald. All rights reserved.\nTerms of use | Privacy policy | Cookie settings")


def page(title: str, body: str, chrome: bool = True) -> str:
    """The article as one site publishes it: menu, title, body, appeal, footer."""
    parts = [HEADER, title, body, APPEAL, FOOTER] if chrome else [title, body]
    return "\n\n".join(parts) + "\n"


def paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def rewrap(body: str, width: int = 62) -> str:
    """Printed to text: lines wrapped at `width`, long words broken with a hyphen."""
    out = []
    for para in paragraphs(body):
        line = ""
        for word in para.split():
            if len(line) + len(word) + 1 > width:
                if len(word) > 7:
                    out.append(f"{line} {word[:4]}-".strip())
                    line = word[4:]
                    continue
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out += [line, ""]
    return "\n".join(out)


def ocr(body: str, rate: float = 0.015, seed: int = 7) -> str:
    """OCR'd: letters confused with look-alikes, a few dropped."""
    rnd = random.Random(seed)
    slips = {"l": "I", "e": "c", "o": "0", "i": "í", "a": "á", "m": "rn"}
    out = []
    for ch in body:
        if rnd.random() < rate:
            if ch in slips:
                out.append(slips[ch])
                continue
            if ch.isalpha():
                continue  # dropped letter
        out.append(ch)
    return "".join(out)


def trim(body: str) -> str:
    ps = paragraphs(body)
    return "\n\n".join(ps[: len(ps) - 1])


def drop_paragraph(body: str) -> str:
    ps = paragraphs(body)
    return "\n\n".join(ps[:2] + ps[3:])


def retitle_related(body: str) -> str:
    ps = paragraphs(body)
    return "\n\n".join(ps[:3] + ["Related article: Ministers Discuss Security Guarantees"] + ps[3:])


TITLE_A = "Dock workers strike over night-shift pay"
COPIES = {
    "exact": page(TITLE_A, PORT_A),
    "syndicated_other_chrome": "World | Business | Markets\n\n" + TITLE_A + "\n\n" + PORT_A + "\n\n(c) Wire Service 2025. Reuse only with permission.\n",
    "rewrap_hyphenation": page(TITLE_A, rewrap(PORT_A)),
    "ocr_noise": page(TITLE_A, ocr(PORT_A)),
    "ocr_noise_printed": rewrap(ocr(PORT_A, rate=0.01, seed=3), width=70),
    "trim": page(TITLE_A, trim(PORT_A)),
    "drop_paragraph": page(TITLE_A, drop_paragraph(PORT_A)),
    "retitle_related": page(TITLE_A.upper(), retitle_related(PORT_A)),
    "retitle_analysis": page(TITLE_A + " - analysis", PORT_A),
}


def signatures(texts: dict[str, str], site: str | None = None) -> pl.DataFrame:
    docs = pl.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                         "source_domain": [site] * len(texts)}, schema_overrides={"source_domain": pl.String})
    return compute_signatures(docs)


def cluster_of(result: pl.DataFrame) -> dict[str, str]:
    return dict(zip(result["doc_id"], result["cluster_id"]))


@pytest.mark.parametrize("kind", sorted(COPIES))
def test_each_copy_kind_joins_the_original(kind):
    texts = {"original": page(TITLE_A, PORT_A), "copy": COPIES[kind],
             "same_event": page("Ministers face questions over dock strike", PORT_B)}
    result = find_duplicates(signatures(texts), None)
    c = cluster_of(result)
    assert c["copy"] == c["original"] == "copy"  # deterministic id: smallest doc_id
    assert c["same_event"] != c["original"]
    row = result.filter(pl.col("doc_id") == "copy").row(0, named=True)
    # Re-wrapping and hyphenation are undone by normalisation: such a copy is an exact one.
    expected = "exact" if kind in {"exact", "rewrap_hyphenation"} else "near"
    assert row["match"] == expected and row["matched_doc_id"] == "original"
    assert 0.0 < row["similarity"] <= 1.0


def test_all_copies_form_one_cluster_and_the_match_columns_are_filled():
    texts = {"original": page(TITLE_A, PORT_A), **COPIES}
    result = find_duplicates(signatures(texts), None)
    assert result["cluster_id"].n_unique() == 1
    assert result["match"].null_count() == 0
    assert result.filter(pl.col("match") == "near")["similarity"].min() >= 0.4
    assert result["stored_match"].any() is False


BRIEFS = [
    "Firefighters spent the night at a warehouse fire near the railway bridge; nobody was hurt, but the road to the ferry terminal stays closed until engineers have checked the structure.",
    "The regional court postponed the fraud trial of two former hospital managers after one of the defence lawyers fell ill, and set a new hearing for the second week of March.",
    "A new cycling lane along the seafront will be built over the summer, the mayor's office said, replacing forty parking spaces that shopkeepers had fought to keep for a decade.",
    "Water will be cut off in the old town on Saturday morning while the utility replaces a section of pipe that burst twice this winter, flooding several cellars on Market Lane.",
    "The university opened applications for its new maritime engineering degree, which will admit sixty students a year and include six months of paid training aboard cargo ships.",
    "Bus drivers accepted a pay offer of six percent over two years, ending a dispute that had threatened a strike during the school holidays, their union confirmed on Friday.",
    "Archaeologists working on the car park extension found the foundations of a Roman warehouse and several amphorae, delaying construction by at least three months.",
    "The football club appointed its former captain as head coach until the end of the season after a run of seven matches without a win left the team near the relegation zone.",
    "Health inspectors closed two restaurants on the promenade after finding expired food in their storage rooms; both may reopen once they pass a second inspection.",
    "The city zoo welcomed twin snow leopard cubs, the first born there in fifteen years, and said visitors will be able to see them from the viewing platform in early spring.",
    "Residents of the northern district complained about noise from night-time dredging in the harbour, and the port company promised to limit the work to daylight hours from June.",
    "A local bakery won the national prize for traditional bread, beating more than two hundred entries with a sourdough loaf made from an old family recipe and stone-ground flour.",
]


def test_distinct_articles_of_one_site_sharing_long_chrome_stay_apart():
    # Short articles whose pages are mostly the same menu, appeal and footer (more chrome than
    # article): two longer pieces and a dozen briefs of one site.
    texts = {"council": page("Council backs market plan", COUNCIL),
             "library": page("Library to open on Sundays", LIBRARY),
             **{f"brief_{i:02d}": page(f"In brief {i}", b) for i, b in enumerate(BRIEFS)}}
    for site in ("cityherald.example", None):  # chrome counted per site, or over all documents
        result = find_duplicates(signatures(texts, site=site), None)
        assert result["cluster_id"].n_unique() == len(texts)
        assert result["match"].null_count() == len(texts)


def test_articles_on_one_event_sharing_quotes_stay_apart():
    texts = {"a": page("Dock workers strike", PORT_A), "b": page("Ministers questioned", PORT_B),
             "a_wire": COPIES["syndicated_other_chrome"]}
    c = cluster_of(find_duplicates(signatures(texts), None))
    assert c["a"] == c["a_wire"] != c["b"]


def test_no_chaining_through_a_roundup_of_two_articles():
    # A digest that prints two distinct articles one after the other resembles each of them;
    # it must not make the two articles one cluster.
    texts = {"a": PORT_A, "b": PORT_B, "digest": PORT_A + "\n\n" + PORT_B}
    c = cluster_of(find_duplicates(signatures(texts), None))
    assert c["a"] != c["b"]


def test_same_result_whatever_the_row_order():
    texts = {"original": page(TITLE_A, PORT_A), **COPIES, "b": page("Ministers", PORT_B),
             "council": page("Council", COUNCIL), "library": page("Library", LIBRARY)}
    sigs = signatures(texts)
    first = find_duplicates(sigs, None)
    for seed in range(3):
        shuffled = sigs.sample(fraction=1.0, shuffle=True, seed=seed)
        assert find_duplicates(shuffled, None).equals(first)


def test_empty_inputs():
    empty = signatures({})
    assert find_duplicates(empty, None).height == 0
    assert find_duplicates(empty, signatures({"x": PORT_A})).height == 0
    one = find_duplicates(signatures({"x": PORT_A}), empty).row(0, named=True)
    assert one["cluster_id"] == "x" and one["match"] is None and one["stored_match"] is False


def test_texts_without_words_are_not_exact_copies_of_each_other():
    c = cluster_of(find_duplicates(signatures({"dash": "—", "dots": "...", "real": PORT_A}), None))
    assert c["dash"] == "dash" and c["dots"] == "dots"


# ------------------------------------------------------------------ incremental: two runs


def run(texts: dict[str, str], stored: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One pipeline run as the flow does it: signatures, clusters, kept articles; returns the
    clusters and the signatures of the kept articles (what the state store keeps)."""
    sigs = signatures(texts)
    clusters = find_duplicates(sigs, stored)
    facts = pl.DataFrame({"doc_id": list(texts), "published_date": [None] * len(texts),
                          "date_confidence": [None] * len(texts),
                          "word_count": [len(t.split()) for t in texts.values()]},
                         schema={"doc_id": pl.String, "published_date": pl.Date,
                                 "date_confidence": pl.Float64, "word_count": pl.Int32})
    kept = choose_kept(clusters, facts)
    articles = kept.filter(pl.col("doc_id") == pl.col("kept_doc_id"))["doc_id"]
    new_state = sigs.filter(pl.col("doc_id").is_in(articles.implode()))
    state = new_state if stored is None else pl.concat([stored, new_state])
    return clusters.join(kept, on="doc_id"), state


def test_second_run_finds_copies_of_last_months_articles_from_stored_signatures():
    month1 = {"m1_port": page(TITLE_A, PORT_A), "m1_port_rewrap": COPIES["rewrap_hyphenation"],
              "m1_council": page("Council backs market plan", COUNCIL)}
    clusters1, state = run(month1, None)
    assert clusters1["cluster_id"].n_unique() == 2
    kept_port = clusters1.filter(pl.col("doc_id") == "m1_port")["kept_doc_id"][0]
    assert state.height == 2  # two articles; the copy's signature is not kept

    # The state store persists signatures as Parquet; texts of month 1 are not passed again.
    month2 = {"m2_port_ocr": COPIES["ocr_noise"], "m2_port_trim": COPIES["trim"],
              "m2_council_exact": page("Council backs market plan", COUNCIL),
              "m2_library": page("Library to open on Sundays", LIBRARY)}
    stored = pl.read_parquet(_roundtrip(state))
    clusters2, _ = run(month2, stored)
    c = clusters2.select("doc_id", "cluster_id", "match", "stored_match", "kept_doc_id", "matched_doc_id")
    row = {r["doc_id"]: r for r in c.iter_rows(named=True)}
    for copy in ("m2_port_ocr", "m2_port_trim"):
        assert row[copy]["cluster_id"] == kept_port
        assert row[copy]["stored_match"] is True
        assert row[copy]["kept_doc_id"] == kept_port  # last month's article stays the article
        assert row[copy]["match"] is not None
    assert row["m2_council_exact"]["match"] == "exact"
    assert row["m2_council_exact"]["matched_doc_id"] == "m1_council"
    assert row["m2_council_exact"]["kept_doc_id"] == "m1_council"
    assert row["m2_library"]["cluster_id"] == "m2_library" and row["m2_library"]["stored_match"] is False


def test_two_stored_articles_are_never_merged():
    # Earlier runs kept two near-identical articles apart (e.g. before a parameter change); a
    # new copy may join one of them but must not glue them together.
    stored = signatures({"old_a": page(TITLE_A, PORT_A), "old_a2": page(TITLE_A, trim(PORT_A))})
    result = find_duplicates(signatures({"new": COPIES["drop_paragraph"]}), stored)
    assert result["cluster_id"][0] in {"old_a", "old_a2"} and result["stored_match"][0]


def test_signatures_of_another_version_are_refused():
    stored = signatures({"old": PORT_A}).with_columns(signature_version=pl.lit("older-scheme"))
    with pytest.raises(ValueError, match="different versions"):
        find_duplicates(signatures({"new": PORT_A}), stored)


def test_signatures_are_stable_values():
    # Persisted between runs: a change of these values silently breaks incremental dedupe.
    # If you change normalisation or hashing on purpose, bump SIGNATURE_VERSION and update.
    sig = signatures({"x": PORT_A}).row(0, named=True)
    assert sig["content_hash"] == "39c50873fc44fd846d8c5200123d8d2c"
    assert sig["n_shingles"] == 256
    assert list(sig["minhash"][:6]) == [854009645, 498842961, 581024460, 3628657689, 278860804, 1070338065]


def _roundtrip(frame: pl.DataFrame):
    import io

    buf = io.BytesIO()
    frame.write_parquet(buf)
    buf.seek(0)
    return buf


def test_stored_signatures_missing_columns_are_refused_with_a_clear_message():
    stored = signatures({"old": PORT_A}).drop("site")
    with pytest.raises(ValueError, match="lack columns"):
        find_duplicates(signatures({"new": PORT_A}), stored)
