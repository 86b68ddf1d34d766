/*
 * About this server: the local CA's certificate for laptops to install
 * (without a session: a laptop needs it before it can trust the login page),
 * and the addresses and fingerprint that go on account sheets. Only the CA's
 * certificate is ever answered here, never a key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "entry/internal.h"

#define URLS_MAX 16

/*
 * GET /ca.crt: DER as application/x-x509-ca-cert, the one form that each of
 * Firefox (its "trust this CA" dialog), Windows (a double-click opens the
 * certificate import) and Chromium's certificate manager takes as is.
 * GET /ca.pem: the same certificate as PEM, for openssl, curl and Linux's
 * ca-certificates.
 */
int serve_ca(struct req *r)
{
	int der;
	unsigned char *bytes;
	size_t len;

	if (strcmp(r->url, "/ca.crt") == 0)
		der = 1;
	else if (strcmp(r->url, "/ca.pem") == 0)
		der = 0;
	else
		return 0;
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		req_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.");
		return 1;
	}
	if (server_ca_pem(r->srv) == NULL) {
		req_error(r, 404, "no_ca", "Deze database heeft nog geen lokale CA: start teller serve "
		          "met TLS om er een te maken.");
		return 1;
	}
	if (der) {
		if (tls_cert_der(server_ca_pem(r->srv), &bytes, &len) != 0) {
			req_internal(r);
			return 1;
		}
		r->raw = (char *)bytes;
		r->raw_len = len;
		r->content_type = "application/x-x509-ca-cert";
	} else {
		len = strlen(server_ca_pem(r->srv));
		if ((r->raw = malloc(len + 1)) == NULL) {
			req_error(r, 500, "internal", "Geen geheugen.");
			return 1;
		}
		memcpy(r->raw, server_ca_pem(r->srv), len + 1);
		r->raw_len = len;
		r->content_type = "application/x-pem-file";
		snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"teller-ca.pem\"");
	}
	r->status = 200;
	return 1;
}

/* GET /api/server-info: {"urls":["https://192.168.1.10:8443/",...],"ca_fingerprint":"AB:.."} */
static void api_server_info(struct req *r)
{
	char urls[URLS_MAX][LAN_URL_LEN], fp[TLS_FINGERPRINT_LEN];
	json_t *o = json_object(), *a = json_array();
	const char *addr;
	unsigned port;
	size_t i, n;

	if (o == NULL || a == NULL) {
		json_decref(o);
		json_decref(a);
		req_error(r, 500, "internal", "Geen geheugen.");
		return;
	}
	addr = server_listen(r->srv, &port);
	n = lan_urls(addr, port, server_tls(r->srv), urls, URLS_MAX);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(urls[i]));
	json_object_set_new(o, "urls", a);
	if (server_ca_pem(r->srv) != NULL && tls_cert_fingerprint(server_ca_pem(r->srv), fp,
	                                                        sizeof fp) == 0)
		json_object_set_new(o, "ca_fingerprint", json_string(fp));
	else
		json_object_set_new(o, "ca_fingerprint", json_null());
	req_json(r, 200, o);
}

/* This file's routes (the router, api.c, puts every file's slice together). */
static const struct api_route routes[] = {
	{"GET", "/api/server-info", R_ADMIN | R_COORD, SESSION, api_server_info},
};
const struct api_routes api_server_routes = {routes, sizeof routes / sizeof routes[0]};
