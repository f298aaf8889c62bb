// zlib: gzip layers for OCI images (deflateInit2 is a macro; call deflateInit2_ from Swift).
#include <zlib.h>
