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

  const kit = window.LernregionMap;
  if (!kit) return;
  const { L, reduceMotion, el, localPath, validLatLng, loadGeoJson, createMap, districtLayer, manageFocus, LabelledDivIcon } = kit;

  function partnerPopup(p) {
    const box = el('div');
    const url = localPath(p.url);
    const title = url ? el('a', p.name) : el('strong', p.name);
    if (url) title.href = url;
    box.appendChild(title);
    if (p.city) box.appendChild(el('div', p.city));
    return box;
  }

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
