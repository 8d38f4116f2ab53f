/* Lernregion ideas: the idea map and the position picker of the idea form.
 * Progressive enhancement only, like map.js: every map sits next to a list
 * (or, for the picker, next to the latitude/longitude text inputs), so any
 * failure here (no Leaflet, bad data, network error) leaves the page as it is.
 *
 * Idea map: <div class="map" data-idea-markers="URL" data-districts="URL|GeoJSON"
 *   data-tiles data-attribution data-ideas-label data-close-label
 *   data-zoom-in-label data-zoom-out-label data-districts-attribution>
 *   The markers URL gets south/west/north/east/zoom of the current view and
 *   answers {total, markers: [{lat, lon, count, id, title, url}], bounds?}.
 *   The total goes to #idea-map-status (an aria-live region of the page).
 *
 * Position picker: <div class="map" data-picker data-lat-input="ID"
 *   data-lon-input="ID" data-districts data-tiles data-attribution
 *   data-centre-label data-clear-label data-set-label (+ the labels above)>
 *   Adds #picker-use-centre, #picker-clear and a role="status" line
 *   (#picker-status) right after the map container.
 */
(function () {
  'use strict';

  const kit = window.LernregionMap;
  if (!kit) return;
  const { L, MAX_ZOOM, reduceMotion, brand, el, warn, clamp, localPath, validLatLng, loadGeoJson, createMap, districtLayer, manageFocus, LabelledDivIcon } = kit;

  // ---------------------------------------------------------------- idea map

  // The page does not load the markercluster styles, so the cluster circle
  // carries its own (set through the CSSOM, which the CSP allows).
  function clusterSize(count) {
    return count < 10 ? 34 : count < 100 ? 40 : 46;
  }

  function clusterIcon(count, label) {
    const size = clusterSize(count);
    const inner = el('div');
    Object.assign(inner.style, {
      boxSizing: 'border-box',
      width: '100%',
      height: '100%',
      borderRadius: '50%',
      border: '3px solid #fff',
      boxShadow: '0 0 0 1px ' + brand,
      background: brand,
      color: '#fff',
      fontWeight: '700',
      fontSize: '0.85rem',
      lineHeight: '1',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
    });
    inner.appendChild(el('span', count));
    return new LabelledDivIcon({
      html: inner,
      className: 'marker-cluster idea-cluster',
      iconSize: L.point(size, size),
      label: label ? label + ': ' + count : String(count),
    });
  }

  function ideaPopup(title, url) {
    const box = el('div');
    const href = localPath(url);
    const head = href ? el('a', title) : el('strong', title);
    if (href) head.href = href;
    box.appendChild(head);
    return box;
  }

  // {south, west, north, east}, [[south, west], [north, east]] or a GeoJSON
  // bbox [west, south, east, north].
  function parseBounds(b) {
    let sw;
    let ne;
    if (Array.isArray(b) && b.length === 2 && Array.isArray(b[0]) && Array.isArray(b[1])) {
      sw = [Number(b[0][0]), Number(b[0][1])];
      ne = [Number(b[1][0]), Number(b[1][1])];
    } else if (Array.isArray(b) && b.length === 4) {
      sw = [Number(b[1]), Number(b[0])];
      ne = [Number(b[3]), Number(b[2])];
    } else if (b && typeof b === 'object') {
      sw = [Number(b.south), Number(b.west)];
      ne = [Number(b.north), Number(b.east)];
    } else {
      return null;
    }
    if (![sw[0], sw[1], ne[0], ne[1]].every(Number.isFinite)) return null;
    if (Math.abs(sw[0]) > 90 || Math.abs(ne[0]) > 90 || Math.abs(sw[1]) > 180 || Math.abs(ne[1]) > 180) return null;
    const bounds = L.latLngBounds(sw, ne);
    return bounds.isValid() ? bounds : null;
  }

  // The markers of one response, checked; bad entries are skipped.
  function parseMarkers(data) {
    if (!data || !Array.isArray(data.markers)) return null;
    const out = [];
    data.markers.forEach((m) => {
      if (!m) return;
      const lat = Number(m.lat);
      const lon = Number(m.lon);
      const count = Math.floor(Number(m.count));
      if (!validLatLng(lat, lon) || !Number.isFinite(count) || count < 1) return;
      const single = count === 1 && m.id !== null && m.id !== undefined && m.id !== '';
      out.push({
        lat,
        lon,
        count,
        single,
        id: single ? String(m.id) : null,
        title: single ? String(m.title === null || m.title === undefined || m.title === '' ? '#' + m.id : m.title) : '',
        url: single ? m.url : null,
        // Clusters are identified by where they are and how many they hold;
        // a marker kept across responses keeps its popup and focus.
        key: single ? 'i' + m.id + '@' + lat.toFixed(6) + ',' + lon.toFixed(6) : clusterKey(count, lat, lon),
      });
    });
    return out;
  }

  function clusterKey(count, lat, lon) {
    return 'c' + count + '@' + lat.toFixed(6) + ',' + lon.toFixed(6);
  }

  // The icon's box around its anchor, in pixels: the default pin stands on
  // its point, a cluster circle is centred.
  function iconBox(m) {
    if (m.single) return [-12, -41, 13, 0];
    const h = clusterSize(m.count) / 2;
    return [-h, -h, h, h];
  }

  function overlapping(a, b) {
    const ba = iconBox(a);
    const bb = iconBox(b);
    const gap = 2;
    return a.p.x + ba[0] < b.p.x + bb[2] + gap && b.p.x + bb[0] < a.p.x + ba[2] + gap &&
      a.p.y + ba[1] < b.p.y + bb[3] + gap && b.p.y + bb[1] < a.p.y + ba[3] + gap;
  }

  // The server bins ideas into fixed cells, so markers of neighbouring cells
  // can sit on top of each other; a covered marker is hard to hit (WCAG 2.5.8)
  // and hides the other. Overlapping markers become one cluster here. At the
  // highest zoom a cluster could not be opened any more, so nothing is merged.
  function mergeOverlapping(map, markers) {
    if (map.getZoom() >= MAX_ZOOM) return markers;
    const items = markers.map((m) => Object.assign({}, m, { p: map.latLngToLayerPoint([m.lat, m.lon]) }));
    for (let i = 0; i < items.length; i++) {
      let merged = true;
      while (merged) {
        merged = false;
        for (let j = 0; j < items.length; j++) {
          if (j === i || !overlapping(items[i], items[j])) continue;
          const a = items[i];
          const b = items[j];
          const count = a.count + b.count;
          const lat = (a.lat * a.count + b.lat * b.count) / count;
          const lon = (a.lon * a.count + b.lon * b.count) / count;
          items[i] = {
            lat,
            lon,
            count,
            single: false,
            id: null,
            title: '',
            url: null,
            key: clusterKey(count, lat, lon),
            p: map.latLngToLayerPoint([lat, lon]),
          };
          items.splice(j, 1);
          if (j < i) i--;
          merged = true;
          break;
        }
      }
    }
    return items;
  }

  function viewParams(map) {
    const b = map.getBounds();
    const f = (v) => String(Math.round(v * 1e6) / 1e6);
    return {
      south: f(clamp(b.getSouth(), -85, 85)),
      west: f(clamp(b.getWest(), -180, 180)),
      north: f(clamp(b.getNorth(), -85, 85)),
      east: f(clamp(b.getEast(), -180, 180)),
      zoom: String(clamp(Math.round(map.getZoom()), 0, MAX_ZOOM)),
    };
  }

  function markersUrl(base, params) {
    const url = new URL(base, document.baseURI);
    Object.keys(params).forEach((k) => url.searchParams.set(k, params[k]));
    return url.href;
  }

  async function fetchJson(url, signal) {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }

  async function initIdeaMap(container) {
    const d = container.dataset;
    const base = (d.ideaMarkers || '').trim();
    if (!base) return;
    const label = d.ideasLabel || '';
    const status = document.getElementById('idea-map-status');

    const districts = await loadGeoJson(d.districts);
    const areas = districts && districts.features.length ? districtLayer(districts, '', true) : null;
    let bounds = areas && areas.getBounds().isValid() ? areas.getBounds() : null;

    // Without districts the first marker response says where the ideas are.
    if (!bounds) {
      // At zoom 6 a cluster cell is some 80 km wide: few markers, enough for an outline.
      const first = await fetchJson(markersUrl(base, { south: '-85', west: '-180', north: '85', east: '180', zoom: '6' }));
      bounds = parseBounds(first && first.bounds);
      if (!bounds) {
        const ms = parseMarkers(first);
        if (ms && ms.length) bounds = L.latLngBounds(ms.map((m) => [m.lat, m.lon]));
      }
      if (!bounds || !bounds.isValid()) return;
    }

    const map = createMap(container, { scrollWheelZoom: true });
    map.fitBounds(bounds, { padding: [12, 12], maxZoom: areas ? 12 : 10, animate: false });
    if (areas) areas.addTo(map);

    const layer = L.featureGroup().addTo(map);
    const shown = new Map(); // key -> marker

    function activateCluster(latlng) {
      map.setView(latlng, Math.min(Math.round(map.getZoom()) + 2, MAX_ZOOM), { animate: !reduceMotion });
    }

    function makeMarker(m) {
      const latlng = L.latLng(m.lat, m.lon);
      if (m.single) {
        const marker = L.marker(latlng, { alt: m.title, title: m.title, keyboard: true });
        marker.bindPopup(() => ideaPopup(m.title, m.url));
        manageFocus(marker);
        return marker;
      }
      const icon = clusterIcon(m.count, label);
      const marker = L.marker(latlng, { icon, title: icon.options.label, keyboard: true });
      marker.on('click', () => activateCluster(latlng));
      marker.on('keydown', (e) => {
        const ev = e.originalEvent;
        if (!ev || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
          L.DomEvent.preventDefault(ev);
          activateCluster(latlng);
        }
      });
      return marker;
    }

    // Focus on a marker that goes away moves to the nearest one that stays
    // or arrives (after zooming into a cluster: one of its parts).
    function focusNearest(latlng) {
      const target = map.latLngToContainerPoint(latlng);
      let best = null;
      let bestDist = Infinity;
      shown.forEach((marker) => {
        const icon = marker.getElement();
        if (!icon) return;
        const dist = map.latLngToContainerPoint(marker.getLatLng()).distanceTo(target);
        if (dist < bestDist) {
          best = icon;
          bestDist = dist;
        }
      });
      (best || container).focus({ preventScroll: true });
    }

    function render(data) {
      const parsed = parseMarkers(data);
      if (!parsed) return;
      const markers = mergeOverlapping(map, parsed);
      const active = document.activeElement;
      let refocus = null;
      const keep = new Set(markers.map((m) => m.key));
      shown.forEach((marker, key) => {
        if (keep.has(key)) return;
        const icon = marker.getElement();
        if (icon && active && icon.contains(active)) refocus = marker.getLatLng();
        layer.removeLayer(marker);
        shown.delete(key);
      });
      markers.forEach((m) => {
        if (shown.has(m.key)) return;
        const marker = makeMarker(m);
        shown.set(m.key, marker);
        layer.addLayer(marker);
      });
      if (refocus) focusNearest(refocus);
      const total = Number(data.total);
      if (status && Number.isFinite(total)) status.textContent = label ? label + ': ' + total : String(total);
    }

    let controller = null;
    let timer = 0;
    let seq = 0;

    async function load() {
      if (controller) controller.abort();
      const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
      controller = ctrl;
      const mine = ++seq;
      try {
        const data = await fetchJson(markersUrl(base, viewParams(map)), ctrl ? ctrl.signal : undefined);
        if (mine === seq) render(data);
      } catch (err) {
        // A failed or aborted request leaves the markers shown before.
        if (!err || err.name !== 'AbortError') warn('ideas: markers not updated', err);
      } finally {
        if (controller === ctrl) controller = null;
      }
    }

    map.on('moveend', () => {
      // An answer for the view before is of no use any more.
      if (controller) controller.abort();
      seq++;
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 150);
    });
    load();
  }

  // --------------------------------------------------------- position picker

  function parseCoord(value) {
    const s = String(value || '').trim().replace(',', '.');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return NaN;
    return Number(s);
  }

  function crosshair() {
    const box = el('div');
    box.className = 'picker-crosshair';
    box.setAttribute('aria-hidden', 'true');
    Object.assign(box.style, {
      position: 'absolute',
      left: '50%',
      top: '50%',
      width: '24px',
      height: '24px',
      margin: '-12px 0 0 -12px',
      pointerEvents: 'none',
      zIndex: '650',
    });
    [['11px', '0', '24px', '2px'], ['0', '11px', '2px', '24px']].forEach(([top, left, width, height]) => {
      const bar = el('div');
      Object.assign(bar.style, {
        position: 'absolute',
        top,
        left,
        width,
        height,
        background: '#1a1a1a',
        boxShadow: '0 0 0 1px #fff',
      });
      box.appendChild(bar);
    });
    return box;
  }

  let pickerCount = 0;

  async function initPicker(container) {
    const d = container.dataset;
    const latInput = document.getElementById(d.latInput || '');
    const lonInput = document.getElementById(d.lonInput || '');
    if (!latInput || !lonInput) return;

    const readInputs = () => {
      const lat = parseCoord(latInput.value);
      const lon = parseCoord(lonInput.value);
      return validLatLng(lat, lon) ? L.latLng(lat, lon) : null;
    };

    const start = readInputs();
    const districts = await loadGeoJson(d.districts);
    // Orientation only: a click anywhere, on a district too, sets the place.
    const areas = districts && districts.features.length ? districtLayer(districts, '', false) : null;
    const bounds = areas && areas.getBounds().isValid() ? areas.getBounds() : null;
    if (!start && !bounds) return;

    if (!container.hasAttribute('role')) container.setAttribute('role', 'region');
    const map = createMap(container, { scrollWheelZoom: false });
    if (start) map.setView(start, 11, { animate: false });
    else map.fitBounds(bounds, { padding: [12, 12], maxZoom: 12, animate: false });
    if (areas) areas.addTo(map);
    container.appendChild(crosshair());

    const suffix = pickerCount++ ? '-' + pickerCount : '';
    const actions = el('div');
    actions.className = 'picker-actions';
    const useCentre = el('button', d.centreLabel || '+');
    useCentre.type = 'button';
    useCentre.id = 'picker-use-centre' + suffix;
    useCentre.className = 'picker-use-centre';
    const clear = el('button', d.clearLabel || '×');
    clear.type = 'button';
    clear.id = 'picker-clear' + suffix;
    clear.className = 'picker-clear secondary';
    const status = el('div');
    status.id = 'picker-status' + suffix;
    status.className = 'picker-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    actions.appendChild(useCentre);
    actions.appendChild(document.createTextNode(' '));
    actions.appendChild(clear);
    actions.appendChild(status);
    container.insertAdjacentElement('afterend', actions);

    const setLabel = d.setLabel || '';
    let marker = null;
    let writing = false;

    function showMarker(latlng, text) {
      if (marker) {
        marker.setLatLng(latlng);
        marker.options.alt = text;
        const img = marker.getElement();
        if (img && img.tagName === 'IMG') img.alt = text;
      } else {
        // A picture of the chosen place, not a control.
        marker = L.marker(latlng, { alt: text, interactive: false, keyboard: false }).addTo(map);
      }
    }

    function removeMarker() {
      if (marker) map.removeLayer(marker);
      marker = null;
    }

    let announceTimer = 0;
    function announce(text) {
      window.clearTimeout(announceTimer);
      if (status.textContent === text) {
        // The same words again are only read when they change.
        status.textContent = '';
        announceTimer = window.setTimeout(() => {
          status.textContent = text;
        }, 100);
      } else {
        status.textContent = text;
      }
    }

    function writeInputs(lat, lon) {
      writing = true;
      try {
        latInput.value = lat;
        lonInput.value = lon;
        latInput.dispatchEvent(new Event('change', { bubbles: true }));
        lonInput.dispatchEvent(new Event('change', { bubbles: true }));
      } finally {
        writing = false;
      }
    }

    function setPosition(latlng) {
      const ll = L.latLng(latlng).wrap();
      const lat = clamp(ll.lat, -90, 90).toFixed(5);
      const lon = clamp(ll.lng, -180, 180).toFixed(5);
      const text = setLabel + lat + ', ' + lon;
      showMarker(L.latLng(Number(lat), Number(lon)), text);
      writeInputs(lat, lon);
      announce(text);
    }

    if (start) showMarker(start, setLabel + start.lat.toFixed(5) + ', ' + start.lng.toFixed(5));

    map.on('click', (e) => setPosition(e.latlng));
    // Enter on the focused map takes its centre, like the button.
    container.addEventListener('keydown', (e) => {
      if (e.target === container && e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        setPosition(map.getCenter());
      }
    });
    useCentre.addEventListener('click', () => setPosition(map.getCenter()));
    clear.addEventListener('click', () => {
      window.clearTimeout(announceTimer);
      removeMarker();
      status.textContent = '';
      writeInputs('', '');
    });

    function fromInputs() {
      if (writing) return;
      const latlng = readInputs();
      window.clearTimeout(announceTimer);
      if (!latlng) {
        // Half typed or not a place: the marker stays until both are empty.
        status.textContent = '';
        if (!latInput.value.trim() && !lonInput.value.trim()) removeMarker();
        return;
      }
      const text = setLabel + latlng.lat.toFixed(5) + ', ' + latlng.lng.toFixed(5);
      showMarker(latlng, text);
      announce(text);
      if (!map.getBounds().contains(latlng)) map.panTo(latlng, { animate: !reduceMotion });
    }
    latInput.addEventListener('change', fromInputs);
    lonInput.addEventListener('change', fromInputs);
  }

  function init() {
    document.querySelectorAll('.map[data-idea-markers]').forEach((container) => {
      if (container.classList.contains('leaflet-container')) return;
      initIdeaMap(container).catch((err) => warn('ideas: map not shown', err));
    });
    document.querySelectorAll('.map[data-picker]').forEach((container) => {
      if (container.classList.contains('leaflet-container')) return;
      initPicker(container).catch((err) => warn('ideas: picker not shown', err));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
