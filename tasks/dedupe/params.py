"""Dedupe parameters in one place, with the reasons for each value.

Signature parameters (SHINGLE_WORDS, NUM_BINS, seeds, normalisation rules) are baked into the
signatures persisted between runs: change any of them and bump SIGNATURE_VERSION, so that
find_duplicates refuses to compare signatures of different versions instead of silently
matching nothing.
"""

SIGNATURE_VERSION = "oph-w3-k128-v1"

# Word 3-grams: OCR slips and dropped letters touch one word in 20-50; a slip spoils n shingles,
# so short shingles keep noisy copies similar (research note §6.3: OCR copies J5 0.71 vs J3
# 0.81), while distinct articles on one event still share few 3-grams (measured on the seeds).
SHINGLE_WORDS = 3

# One-permutation MinHash: each shingle's 64-bit hash picks one of NUM_BINS bins (top bits) and
# competes for that bin's minimum (low 32 bits). One hash per shingle instead of one per
# shingle and permutation (datatrove: 112) is what makes signatures cheap; empty bins of short
# documents are filled by rotation densification. 128 bins: estimated Jaccard has a standard
# error of about 0.04 near the acceptance thresholds.
NUM_BINS = 128

# LSH banding over the bins: 32 bands of 4 rows. P(candidate | J) = 1-(1-J^4)^32:
# 0.23 at J=0.3, 0.87 at 0.5, 0.99 at 0.6 - low enough to reach OCR'd and trimmed copies;
# precision comes from verification, not from the bands.
BANDS, ROWS = 32, 4

# Verification of a candidate pair, from signatures only (earlier runs' texts are not re-read):
# accept when the estimated Jaccard is high, or when the smaller document is mostly contained in
# the larger one (trimmed copy, dropped paragraph) and the two are of comparable size (a short
# brief quoted inside a long roundup is not a copy of it).
ACCEPT_JACCARD = 0.5
ACCEPT_CONTAINMENT = 0.8
MIN_SIZE_RATIO = 0.5

# LSH buckets with more members than this are boilerplate (site chrome that the cleaner left),
# not syndication: they are skipped so one template cannot make quadratic candidate pairs.
# Exact copies never reach the buckets (one representative per content hash), so a story
# re-published hundreds of times is still found.
MAX_BUCKET = 200

# A bin value (one shingle) shared by this many distinct texts of one site is site chrome, not
# a re-published story (boilerplate.py). Re-publication clusters in the eval have at most 6
# documents and, unlike chrome, spread over sites; chrome is on every page of its site.
BOILERPLATE_DOCS = 10

# Fewer comparable (unmasked) bins than this: too little text left to call two documents
# copies of each other (the standard error of the estimate would exceed 0.1).
MIN_INFORMATIVE_BINS = 24
