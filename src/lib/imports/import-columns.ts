// The columns an import understands, the headings it recognises for each (as people name them in their
// own sheets), and how a row becomes form input. docs/import.md documents them.
import {
  COORDINATE_SYSTEMS,
  HOUSEHOLD_STATUSES,
  type ImportKind,
  POVERTY_CAUSES,
  PROFESSIONS,
  SEXES,
  VILLAGE_STATUSES,
} from '#db/schema.ts';
import { type Locale, type MessageKey, translate } from '#src/i18n/index.ts';
import { messageText } from '../forms/messages.ts';

export interface ImportColumn {
  field: string;
  label: MessageKey;
  required: boolean;
  /** Headings that map to this field automatically, compared without spaces and brackets. */
  headings: string[];
  /** Words people write in the cell, mapped to the stored value. */
  values?: Record<string, string>;
}

const location: ImportColumn[] = [
  { field: 'lat', label: 'place.lat', required: false, headings: ['纬度', 'lat', 'latitude'] },
  { field: 'lng', label: 'place.lng', required: false, headings: ['经度', 'lng', 'lon', 'longitude'] },
  {
    field: 'enteredIn',
    label: 'place.enteredIn',
    required: false,
    headings: ['坐标系', 'coordinatesystem', 'crs'],
    values: { 高德: 'GCJ02', 腾讯: 'GCJ02', 百度: 'BD09', gps: 'WGS84', 天地图: 'WGS84', ...Object.fromEntries(COORDINATE_SYSTEMS.map((s) => [s.toLowerCase(), s])), 'wgs-84': 'WGS84', 'gcj-02': 'GCJ02', 'bd-09': 'BD09' },
  },
];

const areaPath: ImportColumn[] = [
  { field: 'province', label: 'place.province', required: true, headings: ['省', '省份', 'province'] },
  { field: 'city', label: 'place.city', required: true, headings: ['市', '地市', '城市', 'city'] },
  { field: 'county', label: 'place.county', required: true, headings: ['县', '区', '县区', '县市区', 'county', 'district'] },
  { field: 'township', label: 'place.township', required: true, headings: ['乡', '镇', '乡镇', '乡镇街道', 'township', 'town'] },
];

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
  villages: [
    ...areaPath,
    { field: 'name', label: 'place.name', required: true, headings: ['村', '村名', '行政村', 'village', 'name'] },
    { field: 'povertyCounty', label: 'place.povertyCounty', required: false, headings: ['国家级贫困县', '贫困县', 'povertycounty'] },
    {
      field: 'status',
      label: 'place.status',
      required: false,
      headings: ['状态', '贫困村状态', 'status'],
      values: { 贫困村: 'poverty_village', 已出列: 'lifted', 已脱贫: 'lifted', 脱贫出列: 'lifted', 非贫困村: 'not_poor', ...identity(VILLAGE_STATUSES) },
    },
    { field: 'liftedYear', label: 'place.liftedYear', required: false, headings: ['出列年份', '脱贫年份', 'liftedyear'] },
    { field: 'population', label: 'place.population', required: false, headings: ['人口', '户籍人口', 'population'] },
    { field: 'poorHouseholds', label: 'place.poorHouseholds', required: false, headings: ['建档立卡户数', '贫困户数', 'poorhouseholds'] },
    { field: 'doctorName', label: 'place.doctorName', required: false, headings: ['村医', '村医姓名', 'doctor'] },
    { field: 'doctorPhone', label: 'place.doctorPhone', required: false, headings: ['村医电话', 'doctorphone'] },
    { field: 'secretaryName', label: 'place.secretaryName', required: false, headings: ['第一书记', '驻村第一书记', 'secretary'] },
    { field: 'secretaryPhone', label: 'place.secretaryPhone', required: false, headings: ['第一书记电话', 'secretaryphone'] },
    ...location,
  ],
  households: [
    { field: 'county', label: 'place.county', required: true, headings: ['县', '区', '县区', 'county'] },
    { field: 'township', label: 'place.township', required: true, headings: ['乡', '镇', '乡镇', 'township'] },
    { field: 'village', label: 'place.village', required: true, headings: ['村', '村名', '行政村', 'village'] },
    { field: 'hamlet', label: 'household.hamlet', required: false, headings: ['屯', '组', '屯组', '村民小组', 'hamlet'] },
    { field: 'headName', label: 'household.headName', required: true, headings: ['户主', '户主姓名', '姓名', 'head', 'headname'] },
    { field: 'idNumber', label: 'household.idNumber', required: true, headings: ['身份证号', '身份证号码', '户主身份证号', 'idnumber'] },
    { field: 'phone', label: 'household.phone', required: false, headings: ['电话', '联系电话', '手机', 'phone'] },
    { field: 'address', label: 'household.address', required: false, headings: ['住址', '地址', 'address'] },
    {
      field: 'cause',
      label: 'household.cause',
      required: true,
      headings: ['致贫原因', '主要致贫原因', 'cause'],
      values: { 因病: 'illness', 因病致贫: 'illness', 因残: 'disability', 因残致贫: 'disability', 因学: 'education', 因学致贫: 'education', 缺劳力: 'lack_of_labour', 缺劳动力: 'lack_of_labour', 因灾: 'disaster', 因灾致贫: 'disaster', 缺土地: 'lack_of_land', 其他: 'other', ...identity(POVERTY_CAUSES) },
    },
    {
      field: 'status',
      label: 'household.status',
      required: false,
      headings: ['状态', '户状态', '脱贫状态', 'status'],
      values: { 建档立卡: 'registered', 未脱贫: 'registered', 已脱贫: 'lifted', 脱贫: 'lifted', 监测户: 'monitoring', 监测: 'monitoring', ...identity(HOUSEHOLD_STATUSES) },
    },
    { field: 'liftedYear', label: 'household.liftedYear', required: false, headings: ['脱贫年份', 'liftedyear'] },
    { field: 'countyDoctor', label: 'household.countyDoctor', required: false, headings: ['县级医生', 'countydoctor'] },
    { field: 'townshipDoctor', label: 'household.townshipDoctor', required: false, headings: ['乡镇医生', 'townshipdoctor'] },
    { field: 'villageDoctor', label: 'household.villageDoctor', required: false, headings: ['村医', '村级医生', 'villagedoctor'] },
    ...location,
  ],
  staff: [
    { field: 'name', label: 'staff.name', required: true, headings: ['姓名', '名字', 'name'] },
    { field: 'sex', label: 'staff.sex', required: false, headings: ['性别', 'sex', 'gender'], values: { 男: 'male', 女: 'female', ...identity(SEXES) } },
    { field: 'title', label: 'staff.titleLabel', required: false, headings: ['职称', '职务', 'title'] },
    { field: 'department', label: 'staff.department', required: false, headings: ['科室', '部门', 'department'] },
    {
      field: 'profession',
      label: 'staff.profession',
      required: true,
      headings: ['类别', '岗位类别', '专业类别', '人员类别', 'profession'],
      values: { 医生: 'doctor', 医师: 'doctor', 护士: 'nurse', 护理: 'nurse', 药师: 'pharmacist', 药剂: 'pharmacist', 技师: 'technician', 医技: 'technician', 司机: 'driver', 驾驶员: 'driver', 行政: 'administrative', 管理: 'administrative', 党务: 'party_affairs', ...identity(PROFESSIONS) },
    },
    { field: 'licenceNumber', label: 'staff.licenceNumber', required: false, headings: ['执业证书编码', '执业证书编号', '医师执业证书编码', '执业证号', 'licence', 'license'] },
    { field: 'phone', label: 'staff.phone', required: false, headings: ['电话', '手机', '联系电话', 'phone'] },
  ],
};

function identity(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v, v]));
}

const normalise = (heading: string) => heading.toLowerCase().replace(/[\s()（）_\-*/／]/g, '');

/** Which column of the file feeds each field: by heading, or -1 when none matches. */
export function autoMapColumns(kind: ImportKind, headers: string[]): Record<string, number> {
  const normalised = headers.map(normalise);
  return Object.fromEntries(
    IMPORT_COLUMNS[kind].map((column) => [column.field, normalised.findIndex((heading) => column.headings.map(normalise).includes(heading))]),
  );
}

/** A row as form input: each field's cell, with known words turned into stored values. */
export function rowInput(kind: ImportKind, cells: string[], mapping: Record<string, number>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const column of IMPORT_COLUMNS[kind]) {
    const index = mapping[column.field] ?? -1;
    const raw = index >= 0 ? (cells[index] ?? '').trim() : '';
    input[column.field] = column.values && raw !== '' ? (column.values[raw] ?? column.values[raw.toLowerCase()] ?? raw) : raw;
  }
  return input;
}

/** A rejected row's problems in the reader's language: "户主身份证号：身份证号无效……。村：找不到……。" */
export function describeProblems(locale: Locale, kind: ImportKind, problems: { field: string | null; message: string }[]): string {
  // Each message is a full sentence with its own full stop.
  const [colon, separator] = locale === 'zh-CN' ? ['：', ''] : [': ', ' '];
  return problems
    .map((problem) => {
      const column = IMPORT_COLUMNS[kind].find((c) => c.field === problem.field);
      return `${column ? translate(locale, column.label) + colon : ''}${messageText(locale, problem.message)}`;
    })
    .join(separator);
}
