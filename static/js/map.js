/* Lernregion maps: progressive enhancement only.
 *
 * Every map sits next to a table that carries the same information, so any
 * failure here (no Leaflet, bad data, network error) just leaves the empty
 * container and the table as they are. The script never touches the table.
 *
 * Network map: <div class="map" data-districts="URL|GeoJSON"
 *   data-partners="URL|GeoJSON" data-tiles data-attribution data-partners-label>
 * Partner map: <div class="map" data-lat data-lon data-name>
 * Optional on both: data-districts-attribution, data-close-label,
 *   data-zoom-in-label, data-zoom-out-label (and data-districts/data-tiles on
 *   the partner map for orientation).
 */
(function () {
  'use strict';

  const L = window.L;
  if (!L || typeof L.map !== 'function') return;

  const reduceMotion = Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  const brand = getComputedStyle(document.documentElement).getPropertyValue('--brand').trim() || '#0b5a6b';

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  }

  function el(tag, text) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // Only same-site paths become links; the API builds them, but a
  // "javascript:" URL must never end up in an href.
  function localPath(u) {
    return typeof u === 'string' && /^\/(?![/\\])/.test(u) && !u.includes('\\') ? u : null;
  }

  // 0/0 is how an organisation without geocoding would arrive, not a place in Germany.
  function validLatLng(lat, lon) {
    return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
  }

  async function loadGeoJson(source) {
    const src = (source || '').trim();
    if (!src) return null;
    try {
      let data;
      if (src.startsWith('{')) {
        data = JSON.parse(src);
      } else {
        const res = await fetch(src, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } });
        if (!res.ok) return null;
        data = await res.json();
      }
      return data && data.type === 'FeatureCollection' && Array.isArray(data.features) ? data : null;
    } catch (err) {
      return null;
    }
  }

  function createMap(container, opts) {
    // A container with role="img" is announced as one picture, so nothing
    // inside it may take keyboard focus.
    const still = container.getAttribute('role') === 'img';
    const d = container.dataset;

    const map = L.map(container, {
      // Markercluster refuses a map without maxZoom, and only a tile layer
      // would set one; without tiles the map would not be shown at all.
      maxZoom: 18,
      zoomControl: false,
      keyboard: !still,
      scrollWheelZoom: opts.scrollWheelZoom,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion,
      inertia: !reduceMotion,
    });

    if (reduceMotion) {
      // Keyboard panning, popup auto-pan and setView all go through panBy,
      // which animates by default and has no map-wide switch.
      const panBy = map.panBy;
      map.panBy = function (offset, options) {
        return panBy.call(this, offset, Object.assign({}, options, { animate: false }));
      };
    }

    if (!still) {
      const zoom = {};
      if (d.zoomInLabel) zoom.zoomInTitle = d.zoomInLabel;
      if (d.zoomOutLabel) zoom.zoomOutTitle = d.zoomOutLabel;
      L.control.zoom(zoom).addTo(map);
    } else {
      map.attributionControl.setPrefix(false); // the prefix is a link
    }

    // Attributions are operator configuration; rendered as text all the same,
    // because Leaflet inserts them as HTML.
    if (d.tiles) {
      L.tileLayer(d.tiles, { attribution: escapeHtml(d.attribution || ''), maxZoom: 18 }).addTo(map);
    }
    if (d.districtsAttribution) map.attributionControl.addAttribution(escapeHtml(d.districtsAttribution));

    const closeLabel = d.closeLabel;
    map.on('popupopen', (e) => {
      const button = closeLabel && e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
      if (button) button.setAttribute('aria-label', closeLabel);
    });
    // Leaflet closes popups on Escape only while the map container itself has
    // focus, not while a marker or the popup link has it.
    container.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') map.closePopup();
    });

    return map;
  }

  function districtLayer(data, label, interactive) {
    return L.geoJSON(data, {
      interactive,
      style: { color: brand, weight: 1.5, opacity: 0.9, fillColor: brand, fillOpacity: 0.08 },
      onEachFeature(feature, layer) {
        const p = feature.properties || {};
        if (!interactive || !p.name) return;
        layer.bindTooltip(() => {
          const box = el('div');
          box.appendChild(el('strong', p.name));
          if (Number.isFinite(p.partners)) {
            box.appendChild(el('br'));
            box.appendChild(document.createTextNode(label ? label + ': ' + p.partners : String(p.partners)));
          }
          return box;
        }, { sticky: true });
      },
    });
  }

  function partnerPopup(p) {
    const box = el('div');
    const url = localPath(p.url);
    const title = url ? el('a', p.name) : el('strong', p.name);
    if (url) title.href = url;
    box.appendChild(title);
    if (p.city) box.appendChild(el('div', p.city));
    return box;
  }

  // Keyboard users land in the popup when they open it and go back to the
  // marker when it closes; otherwise the popup sits after every marker in
  // tab order.
  function manageFocus(marker) {
    marker.on('popupopen', (e) => {
      const icon = marker.getElement();
      const link = e.popup.getElement() && e.popup.getElement().querySelector('a[href]:not(.leaflet-popup-close-button)');
      if (icon && link && document.activeElement === icon) link.focus({ preventScroll: true });
    });
    marker.on('popupclose', (e) => {
      const icon = marker.getElement();
      const pop = e.popup.getElement();
      const active = document.activeElement;
      if (icon && (!active || active === document.body || (pop && pop.contains(active)))) icon.focus({ preventScroll: true });
    });
  }

  // Cluster icons are focusable buttons; without a label they read as a bare number.
  const LabelledDivIcon = L.DivIcon.extend({
    createIcon(old) {
      const icon = L.DivIcon.prototype.createIcon.call(this, old);
      if (this.options.label) icon.setAttribute('aria-label', this.options.label);
      return icon;
    },
  });

  function partnerLayer(data, label) {
    const clustered = typeof L.markerClusterGroup === 'function';
    const group = clustered
      ? L.markerClusterGroup({
          animate: !reduceMotion,
          chunkedLoading: true,
          iconCreateFunction(cluster) {
            const n = cluster.getChildCount();
            const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
            const inner = el('div');
            inner.appendChild(el('span', n));
            return new LabelledDivIcon({
              html: inner,
              className: 'marker-cluster marker-cluster-' + size,
              iconSize: L.point(40, 40),
              label: label ? label + ': ' + n : '',
            });
          },
        })
      : L.featureGroup();

    data.features.forEach((f) => {
      const p = f.properties || {};
      const c = f.geometry && f.geometry.type === 'Point' && f.geometry.coordinates;
      if (!c || !p.name || !validLatLng(Number(c[1]), Number(c[0]))) return;
      const name = String(p.name);
      const marker = L.marker([Number(c[1]), Number(c[0])], { alt: name, title: name, keyboard: true });
      marker.bindPopup(() => partnerPopup(p));
      manageFocus(marker);
      group.addLayer(marker);
    });
    return group;
  }

  async function initNetworkMap(container) {
    const label = container.dataset.partnersLabel || '';
    const [districts, partners] = await Promise.all([
      loadGeoJson(container.dataset.districts),
      loadGeoJson(container.dataset.partners),
    ]);
    const areas = districts && districts.features.length ? districtLayer(districts, label, true) : null;
    const points = partners && partners.features.length ? partnerLayer(partners, label) : null;
    const bounds = (areas && areas.getBounds().isValid() && areas.getBounds()) ||
      (points && points.getBounds().isValid() && points.getBounds());
    if (!bounds) return;

    const map = createMap(container, { scrollWheelZoom: true });
    // Markercluster needs a view before it is added.
    map.fitBounds(bounds, { padding: [12, 12], maxZoom: 12, animate: false });
    if (areas) areas.addTo(map);
    if (points) points.addTo(map);
  }

  async function initPartnerMap(container) {
    const d = container.dataset;
    const lat = parseFloat(d.lat);
    const lon = parseFloat(d.lon);
    if (!validLatLng(lat, lon)) return;

    const map = createMap(container, { scrollWheelZoom: false });
    map.setView([lat, lon], 11, { animate: false });
    // The partner page describes one place; the marker is a picture, not a control.
    L.marker([lat, lon], { alt: d.name || '', interactive: false, keyboard: false }).addTo(map);

    const districts = await loadGeoJson(d.districts);
    if (districts && districts.features.length) districtLayer(districts, '', false).addTo(map);
  }

  function init() {
    document.querySelectorAll('.map[data-districts], .map[data-partners], .map[data-lat][data-lon]').forEach((container) => {
      if (container.classList.contains('leaflet-container')) return;
      const run = 'lat' in container.dataset ? initPartnerMap : initNetworkMap;
      run(container).catch((err) => {
        if (window.console) console.warn('map: not shown', err);
      });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
