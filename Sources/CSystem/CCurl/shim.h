// libcurl's curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
// these typed wrappers are the only way the toolbox reaches them.
#ifndef TOOLBOX_CCURL_SHIM_H
#define TOOLBOX_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*toolbox_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode toolbox_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_set_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_set_callback(CURL *handle, CURLoption option, toolbox_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode toolbox_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode toolbox_curl_get_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
#endif
