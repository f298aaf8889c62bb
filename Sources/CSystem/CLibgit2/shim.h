// libgit2: its *_INIT macros do not import into Swift; use the matching *_init() functions.
#include <git2.h>
