/** Administrative divisions (GB/T 2260) the generated subjects and authorities are spread over. */
export interface Division {
  readonly code: string;
  /** Province-level prefix, e.g. 上海市 or 广东省. */
  readonly province: string;
  /** City, e.g. 上海市 or 深圳市 (the same as the province for municipalities). */
  readonly city: string;
  readonly district: string;
  readonly streets: readonly string[];
  readonly weight: number;
}

export const DIVISIONS: readonly Division[] = [
  { code: '110105', province: '北京市', city: '北京市', district: '朝阳区', streets: ['建国路', '东三环中路', '酒仙桥路', '望京街'], weight: 8 },
  { code: '110108', province: '北京市', city: '北京市', district: '海淀区', streets: ['中关村大街', '学院路', '知春路', '上地十街'], weight: 8 },
  { code: '310115', province: '上海市', city: '上海市', district: '浦东新区', streets: ['张江路', '世纪大道', '陆家嘴环路', '川沙路'], weight: 9 },
  { code: '310110', province: '上海市', city: '上海市', district: '杨浦区', streets: ['国定路', '控江路', '长阳路', '黄兴路'], weight: 5 },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区', streets: ['科技园路', '深南大道', '后海大道', '桃园路'], weight: 8 },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区', streets: ['天河路', '体育西路', '黄埔大道', '珠江新城花城大道'], weight: 7 },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区', streets: ['文三路', '天目山路', '古墩路', '西溪路'], weight: 7 },
  { code: '320506', province: '江苏省', city: '苏州市', district: '吴中区', streets: ['东吴北路', '宝带西路', '越溪路', '木渎镇中山路'], weight: 5 },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区', streets: ['人民南路', '科华北路', '武侯大道', '二环路南四段'], weight: 6 },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区', streets: ['中北路', '武珞路', '徐东大街', '和平大道'], weight: 5 },
  { code: '350102', province: '福建省', city: '福州市', district: '鼓楼区', streets: ['五四路', '杨桥中路', '湖东路', '铜盘路'], weight: 4 },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区', streets: ['高新路', '小寨东路', '长安南路', '科技路'], weight: 4 },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区', streets: ['香港中路', '山东路', '闽江路', '东海西路'], weight: 4 },
  { code: '500103', province: '重庆市', city: '重庆市', district: '渝中区', streets: ['解放碑民族路', '中山三路', '大坪正街', '上清寺路'], weight: 4 },
];

/** "上海市浦东新区" / "广东省深圳市南山区": the prefix of a district-level authority's name. */
export function districtPrefix(d: Division): string {
  return d.province === d.city ? `${d.city}${d.district}` : `${d.city}${d.district}`;
}

export function cityPrefix(d: Division): string {
  return d.city;
}

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
export const GIVEN_NAME_CHARS = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '晓东', '文', '斌', '宇', '欣怡', '子涵', '浩然', '雪', '鹏', '俊', '婷'];
export const TRADE_NAME_CHARS = ['华', '瑞', '鑫', '盛', '泰', '恒', '宏', '达', '兴', '诚', '信', '远', '通', '德', '隆', '昌', '晟', '锦', '汇', '博', '安', '和', '嘉', '丰', '源', '捷', '科', '创', '联', '星', '润', '辰', '峰', '启', '尚', '弘'];
