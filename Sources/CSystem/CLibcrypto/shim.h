// OpenSSL's libcrypto: the one-shot digest and HMAC functions the AWS signer and images use,
// and the X.509 calls that make the ALB router's private CA and server certificate.
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/err.h>
