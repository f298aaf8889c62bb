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

/// Progress callback (CURLOPT_XFERINFOFUNCTION): returning non-zero aborts the transfer, which is
/// how a cancelled Swift task stops a request in flight.
typedef int (*toolbox_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                             curl_off_t upload_total, curl_off_t uploaded);

static inline CURLcode toolbox_curl_set_progress_callback(CURL *handle, toolbox_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

/// CURLOPT_POSTFIELDS keeps the pointer without copying: the caller keeps the bytes alive for the transfer.
static inline CURLcode toolbox_curl_set_body_pointer(CURL *handle, const void *value) {
    return curl_easy_setopt(handle, CURLOPT_POSTFIELDS, value);
}

#endif
