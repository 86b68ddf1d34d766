/*
 * The LAN side of the server: the names and addresses of this machine, the
 * addresses laptops open, and the TLS certificates in the database (a local
 * CA made once, and the server certificate it signs for those names, made
 * anew whenever they change). The CA's key never leaves the database except
 * to sign, in this file.
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "crypto/crypto.h"
#include "act/act.h"

#define SECRET_CA_KEY   "tls_ca_key"
#define SECRET_CA_CERT  "tls_ca_cert"
#define SECRET_KEY      "tls_key"
#define SECRET_CERT     "tls_cert"

/* Adds name once (exactly equal names once; the certificate compares IP
 * addresses as bytes, so "::1" and "0::1" would both stay, harmlessly). */
static void add_name(struct lan_names *l, const char *name)
{
	size_t i;

	if (name == NULL || name[0] == '\0' || strlen(name) >= LAN_NAME_LEN ||
	    l->n >= LAN_NAMES_MAX || !tls_name_valid(name))
		return;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->name[i], name) == 0)
			return;
	snprintf(l->name[l->n++], LAN_NAME_LEN, "%s", name);
}

/* Whether a is an IPv6 link-local address (fe80::/10): those need a zone
 * ("%eth0") that neither browsers' address bars nor certificates carry. */
static int link_local6(const struct in6_addr *a)
{
	return a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80;
}

/* The interface addresses in getifaddrs' order: IPv4 (v4 1) or IPv6 (v4 0). */
static void add_interfaces(struct lan_names *l, int v4, int loopback)
{
	struct ifaddrs *all, *i;
	char text[INET6_ADDRSTRLEN];
	const void *a;

	if (getifaddrs(&all) != 0)
		return;
	for (i = all; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL)
			continue;
		if (v4 && i->ifa_addr->sa_family == AF_INET) {
			const struct sockaddr_in *sin = (const void *)i->ifa_addr;

			a = &sin->sin_addr;
			if ((ntohl(sin->sin_addr.s_addr) >> 24 == 127) != loopback)
				continue;
			if (inet_ntop(AF_INET, a, text, sizeof text) != NULL)
				add_name(l, text);
		} else if (!v4 && i->ifa_addr->sa_family == AF_INET6) {
			const struct sockaddr_in6 *sin6 = (const void *)i->ifa_addr;

			if (link_local6(&sin6->sin6_addr) ||
			    IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr) != loopback)
				continue;
			if (inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof text) != NULL)
				add_name(l, text);
		}
	}
	freeifaddrs(all);
}

static int any_address(const char *a)
{
	return a == NULL || strcmp(a, "0.0.0.0") == 0 || strcmp(a, "::") == 0 || a[0] == '\0';
}

void lan_names(const char *listen_addr, struct lan_names *out)
{
	char host[256], local[300];
	struct in_addr a;

	out->n = 0;
	add_name(out, "localhost");
	add_name(out, "127.0.0.1");
	add_name(out, "::1");
	if (gethostname(host, sizeof host) == 0) {
		host[sizeof host - 1] = '\0';
		add_name(out, host);
		/* Laptops may find it by multicast DNS as NAME.local. */
		if (strchr(host, '.') == NULL && snprintf(local, sizeof local, "%s.local", host) <
		    (int)sizeof local)
			add_name(out, local);
	}
	if (!any_address(listen_addr) && inet_pton(AF_INET, listen_addr, &a) == 1)
		add_name(out, listen_addr);   /* the server listens on IPv4 only */
	add_interfaces(out, 1, 0);
	add_interfaces(out, 0, 0);
	add_interfaces(out, 1, 1);
	add_interfaces(out, 0, 1);
}

size_t lan_urls(const char *listen_addr, unsigned port, int tls, char urls[][LAN_URL_LEN],
                size_t max)
{
	struct lan_names l;
	struct in_addr a;
	size_t i, n = 0;

	l.n = 0;
	/* The server listens on IPv4 (all addresses, or the one given). */
	if (!any_address(listen_addr) && inet_pton(AF_INET, listen_addr, &a) == 1)
		add_name(&l, listen_addr);
	else
		add_interfaces(&l, 1, 0);
	if (l.n == 0)
		add_name(&l, "127.0.0.1");
	for (i = 0; i < l.n && n < max; i++)
		if (snprintf(urls[n], LAN_URL_LEN, "%s://%s%s%s:%u/", tls ? "https" : "http",
		             strchr(l.name[i], ':') ? "[" : "", l.name[i],
		             strchr(l.name[i], ':') ? "]" : "", port) < LAN_URL_LEN)
			n++;
	return n;
}

/* "Teller <municipality> lokale CA", the name cut at a character to fit 64 bytes. */
static void ca_name(struct store *s, char *out, size_t size)
{
	char muni[256];
	size_t room = TLS_CN_MAX - strlen("Teller  lokale CA"), n;

	if (store_meta_get(s, "municipality_name", muni, sizeof muni) != STORE_OK || muni[0] == '\0') {
		snprintf(out, size, "Teller lokale CA");
		return;
	}
	n = strlen(muni);
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)muni[n] & 0xc0) == 0x80)
			n--;   /* not in the middle of a UTF-8 sequence */
	}
	muni[n] = '\0';
	snprintf(out, size, "Teller %s lokale CA", muni);
}

int lan_tls_ca(struct store *s, const struct store_actor *who, char fp[LAN_FINGERPRINT_LEN],
               int *created, char *why, size_t whysize)
{
	char *key = NULL, *cert = NULL, cn[TLS_CN_MAX + 1], detail[200];
	size_t len;
	int rc = -1, e;

	*created = 0;
	if (store_secret_get(s, SECRET_CA_CERT, &cert, &len) == STORE_OK &&
	    store_secret_get(s, SECRET_CA_KEY, &key, &len) == STORE_OK) {
		if (tls_cert_fingerprint(cert, fp, LAN_FINGERPRINT_LEN) != 0) {
			snprintf(why, whysize, "the database's TLS CA certificate is unreadable");
			goto out;
		}
		rc = 0;
		goto out;
	}
	crypto_free_secret(key);
	free(cert);
	key = cert = NULL;
	/* None yet (a database from before the CA, or a half-made one): make it. */
	ca_name(s, cn, sizeof cn);
	if ((e = tls_make_ca(cn, &key, &cert)) != 0 ||
	    (e = tls_cert_fingerprint(cert, fp, LAN_FINGERPRINT_LEN)) != 0) {
		snprintf(why, whysize, "cannot make the TLS CA: %s", crypto_strerror(e));
		goto out;
	}
	/* The key first: a certificate is only ever stored beside its key. */
	if (store_secret_set(s, SECRET_CA_KEY, key, strlen(key)) != STORE_OK ||
	    store_secret_set(s, SECRET_CA_CERT, cert, strlen(cert)) != STORE_OK) {
		snprintf(why, whysize, "cannot store the TLS CA");
		goto out;
	}
	snprintf(detail, sizeof detail, "TLS CA made: %s", fp);
	store_audit(s, who, "tls_ca", detail);
	*created = 1;
	rc = 0;
out:
	crypto_free_secret(key);
	free(cert);
	return rc;
}

int lan_tls_prepare(struct store *s, const char *listen_addr, const struct store_actor *who,
                    struct lan_tls *out, char *why, size_t whysize)
{
	char *cakey = NULL, *cacert = NULL, *cert = NULL, *key = NULL, *fresh = NULL;
	const char *names[LAN_NAMES_MAX];
	char detail[200];
	size_t i, len;
	int rc = -1, e;

	memset(out, 0, sizeof *out);
	if (lan_tls_ca(s, who, out->ca_fingerprint, &out->ca_created, why, whysize) != 0)
		return -1;
	lan_names(listen_addr, &out->names);
	for (i = 0; i < out->names.n; i++)
		names[i] = out->names.name[i];
	if (store_secret_get(s, SECRET_CA_CERT, &cacert, &len) != STORE_OK) {
		snprintf(why, whysize, "cannot read the TLS CA");
		goto out;
	}
	if (store_secret_get(s, SECRET_CERT, &cert, &len) != STORE_OK)
		cert = NULL;
	if (store_secret_get(s, SECRET_KEY, &key, &len) != STORE_OK)
		key = NULL;
	if ((e = tls_cert_current(cacert, cert, key, names, out->names.n)) == 0) {
		rc = 0;
		goto out;
	}
	if (e != CRYPTO_ERR_MISMATCH) {
		snprintf(why, whysize, "cannot check the TLS certificate: %s", crypto_strerror(e));
		goto out;
	}
	/* New names, another CA or near its end: a new key and certificate. */
	if (store_secret_get(s, SECRET_CA_KEY, &cakey, &len) != STORE_OK) {
		snprintf(why, whysize, "cannot read the TLS CA's key");
		goto out;
	}
	crypto_free_secret(key);
	key = NULL;
	if ((e = tls_issue_cert(cakey, cacert, names, out->names.n, &key, &fresh)) != 0) {
		snprintf(why, whysize, "cannot make the TLS certificate: %s", crypto_strerror(e));
		goto out;
	}
	if (store_secret_set(s, SECRET_KEY, key, strlen(key)) != STORE_OK ||
	    store_secret_set(s, SECRET_CERT, fresh, strlen(fresh)) != STORE_OK) {
		snprintf(why, whysize, "cannot store the TLS certificate");
		goto out;
	}
	snprintf(detail, sizeof detail, "TLS server certificate made for %zu names and addresses",
	         out->names.n);
	store_audit(s, who, "tls_cert", detail);
	out->cert_issued = 1;
	rc = 0;
out:
	crypto_free_secret(cakey);
	crypto_free_secret(key);
	free(cacert);
	free(cert);
	free(fresh);
	return rc;
}
