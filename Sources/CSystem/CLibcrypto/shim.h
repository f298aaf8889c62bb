// OpenSSL's libcrypto: the one-shot digest and HMAC functions the AWS signer and images use.
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
