package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// hosts decides which Host a request may name, against DNS rebinding: a
// page of another site, whose owner then points its name at 127.0.0.1,
// would be of the same origin as the preview in the reader's browser and
// could read it, drafts included, and its events.
//
// A browser sends in Host the name it was asked to open; a rebinding page
// can only send a name that its owner resolves through DNS. So a request is
// answered only when Host is localhost (which browsers resolve themselves),
// a loopback address (127.0.0.1, [::1]), the address the request arrived at
// (the computer's LAN address when kb serve listens on 0.0.0.0 or on that
// address), or the host of -addr as given (a name there is the user's
// choice: -addr datorn.local:1313 lets the LAN use that name), and only
// with the port the request arrived at (no port: 80). Any other name, even
// one that resolves to this computer, is refused; so is a request through
// a proxy or port mapping whose Host names the proxy.
type hosts struct {
	name string // the host of -addr, as given
	port string // its port, for a request that does not say where it arrived
}

func newHosts(listen string) hosts {
	name, port, err := net.SplitHostPort(listen)
	if err != nil {
		return hosts{}
	}
	return hosts{name: name, port: port}
}

// allowed reports whether r names this server in its Host.
func (h hosts) allowed(r *http.Request) bool {
	name, port := splitHost(r.Host)
	var local netip.Addr
	localPort := h.port
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if ap, err := netip.ParseAddrPort(a.String()); err == nil {
			local, localPort = ap.Addr().Unmap().WithZone(""), strconv.Itoa(int(ap.Port()))
		}
	}
	if name == "" || port != localPort {
		return false
	}
	if strings.EqualFold(name, "localhost") || (h.name != "" && strings.EqualFold(name, h.name)) {
		return true
	}
	ip, err := netip.ParseAddr(name)
	if err != nil {
		return false
	}
	ip = ip.Unmap().WithZone("")
	return ip.IsLoopback() || (local.IsValid() && ip == local)
}

// splitHost splits a Host header into name and port; a Host without a port
// is at port 80, plain HTTP's.
func splitHost(hostport string) (name, port string) {
	name, port, err := net.SplitHostPort(hostport)
	if err != nil {
		name, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
	}
	if port == "" {
		port = "80"
	}
	return name, port
}

// refuse answers a request for another host.
func refuse(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, fmt.Sprintf("Förhandsvisningen svarar inte på värdnamnet %q. Den svarar bara på localhost, 127.0.0.1, [::1] "+
		"och adressen den lyssnar på (med samma port), så att ingen annan webbplats kan läsa den genom DNS rebinding. "+
		"Öppna adressen som kb serve skrev ut, eller starta kb serve med -addr namn:port för att nå den under ett annat namn.", r.Host), http.StatusForbidden)
}
