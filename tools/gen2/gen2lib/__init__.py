"""gen2: a second, independent generator of supplier documents for quai.

Written from a description of what real supplier documents print, without
reading tools/docgen. See tools/gen2/README.md.
"""
