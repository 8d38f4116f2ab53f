/* Lernregion map kit: what the network maps (map.js) and the idea maps
 * (ideas.js) share: a Leaflet map with labelled controls and optional
 * tiles, district outlines, keyboard focus around popups, labelled marker
 * icons. Loaded after Leaflet and before either script; without Leaflet it
 * does nothing and the pages keep their tables.
 */
(function () {
  'use strict';

  const L = window.L;
  if (!L || typeof L.map !== 'function') return;

  const MAX_ZOOM = 18;
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

  // 0/0 is how a record without a position would arrive, not a place in Germany.
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
      maxZoom: MAX_ZOOM,
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
      L.tileLayer(d.tiles, { attribution: escapeHtml(d.attribution || ''), maxZoom: MAX_ZOOM }).addTo(map);
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
      if (icon && icon.isConnected && (!active || active === document.body || (pop && pop.contains(active)))) icon.focus({ preventScroll: true });
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

  function warn(what, err) {
    if (window.console) console.warn(what, err);
  }

  function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  window.LernregionMap = {
    L,
    MAX_ZOOM,
    reduceMotion,
    brand,
    escapeHtml,
    el,
    warn,
    clamp,
    localPath,
    validLatLng,
    loadGeoJson,
    createMap,
    districtLayer,
    manageFocus,
    LabelledDivIcon,
  };
})();
