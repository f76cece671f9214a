import { describe, expect, it } from 'vitest';
import { convertPoint, toWgs84 } from './coordinates.ts';

// Reference pairs for Tiananmen: WGS-84 39.9087, 116.3975 is GCJ-02 39.9101, 116.4037 and BD-09 39.9165, 116.4101
// (the offsets published by Amap and Baidu, to about 10 m).
const WGS = { lat: 39.9087, lng: 116.3975 };

describe('coordinate conversion', () => {
  it('moves a WGS-84 point by the known GCJ-02 and BD-09 offsets', () => {
    const gcj = convertPoint(WGS, 'WGS84', 'GCJ02');
    expect(gcj.lat).toBeCloseTo(39.9101, 3);
    expect(gcj.lng).toBeCloseTo(116.4037, 3);
    const bd = convertPoint(WGS, 'WGS84', 'BD09');
    expect(bd.lat).toBeCloseTo(39.9165, 3);
    expect(bd.lng).toBeCloseTo(116.4101, 3);
  });

  it('brings GCJ-02 and BD-09 points back to WGS-84 within a metre', () => {
    for (const system of ['GCJ02', 'BD09'] as const) {
      const back = toWgs84(convertPoint(WGS, 'WGS84', system), system);
      expect(Math.abs(back.lat - WGS.lat)).toBeLessThan(1e-5);
      expect(Math.abs(back.lng - WGS.lng)).toBeLessThan(1e-5);
    }
  });

  it('leaves a WGS-84 point alone', () => {
    expect(toWgs84(WGS, 'WGS84')).toEqual(WGS);
  });
});
