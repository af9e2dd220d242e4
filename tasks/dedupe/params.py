"""Dedupe parameters in one place, with the reasons for each value.

Signature parameters (SHINGLE_WORDS, NUM_BINS, hash constants, normalisation rules) are baked
into the signatures persisted between runs: change any of them and bump SIGNATURE_VERSION, so
that find_duplicates refuses to compare signatures of different versions instead of silently
matching nothing. The other parameters act at comparison time and can change freely.
"""

SIGNATURE_VERSION = "oph-w3-k128-v2"

# Word 3-grams: OCR slips and dropped letters touch one word in 20-50; a slip spoils n shingles,
# so short shingles keep noisy copies similar (research note §6.3: OCR copies J5 0.71 vs J3
# 0.81), while distinct articles on one event still share few 3-grams (measured on the seeds).
SHINGLE_WORDS = 3

# One-permutation MinHash: each shingle's 64-bit hash picks one of NUM_BINS bins (top bits) and
# competes for that bin's minimum (low 32 bits). One hash per shingle instead of one per
# shingle and permutation (datatrove: 112) is what makes signatures cheap. Bins left empty by
# short documents are simply not compared. 128 bins: the estimated Jaccard has a standard
# error of about 0.045 near the acceptance thresholds.
NUM_BINS = 128

# LSH banding over the bins: 32 bands of 4 rows. P(candidate | J) = 1-(1-J^4)^32:
# 0.23 at J=0.3, 0.87 at 0.5, 0.99 at 0.6 - low enough to reach OCR'd and trimmed copies;
# precision comes from verification, not from the bands.
BANDS, ROWS = 32, 4

# Verification of a candidate pair, from signatures only (earlier runs' texts are not re-read):
# accept when the estimated Jaccard is at least ACCEPT_JACCARD, or when the smaller document is
# almost entirely inside the larger one (ACCEPT_CONTAINMENT: an abridged wire copy) and the two
# are of comparable size (MIN_SIZE_RATIO: a brief quoted inside a long roundup is no copy).
# Measured on the 100k bench corpus (329k candidate pairs, 69k true): Jaccard >= 0.5 alone
# accepts all but 8 true pairs; containment >= 0.8 with size ratio >= 0.5 added no true pair
# and 42 false ones (distinct articles that share many sentences), >= 0.9 with ratio >= 0.6
# adds none. On eval/dedupe every true pair has J >= 0.62 and every false candidate J <= 0.07.
ACCEPT_JACCARD = 0.5
ACCEPT_CONTAINMENT = 0.9
MIN_SIZE_RATIO = 0.6

# LSH buckets with more members than this are boilerplate (site chrome that the cleaner left),
# not syndication: they are skipped so one template cannot make quadratic candidate pairs.
# Exact copies never reach the buckets (one representative per content hash), so a story
# re-published hundreds of times is still found.
MAX_BUCKET = 200

# A bin value (one shingle) shared by at least BOILERPLATE_DOCS distinct texts of one site, and
# by at least BOILERPLATE_SHARE of that site's texts, is site chrome, not a re-published story
# (boilerplate.py): chrome is on a large share of a site's pages, while a story is re-published
# a handful of times (eval clusters: at most 6 documents) and across sites. The share keeps
# sentences that recur in many distinct articles of a big corpus (shared quotes, standard
# phrases) from being masked as chrome.
BOILERPLATE_DOCS = 10
BOILERPLATE_SHARE = 0.01

# Fewer comparable (unmasked) bins than this: too little text left to call two documents
# copies of each other (the standard error of the estimate would exceed 0.1).
MIN_INFORMATIVE_BINS = 24

# Guard against chaining: two clusters are joined only if no document of one is unrelated to
# a document of the other (estimated Jaccard below this), checking up to GUARD_MEMBERS members
# of each. A digest printing two articles one after the other resembles both; the two articles
# themselves share almost nothing (J ~ 0.02), so the digest cannot glue them together. Copies
# of one article stay well above it (trimmed and OCR'd copies of one original: J > 0.4).
UNRELATED_JACCARD = 0.2
GUARD_MEMBERS = 8
