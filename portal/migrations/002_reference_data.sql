-- 002_reference_data: the default SERVQUAL instrument (22 items, five RATER dimensions, 1-7 scale)
-- and the default bilingual 5S template (five sections x five items, scored 0-4).
-- Explicit ids (instrument 1, template 1); the sequences are advanced past them below.

-- ---------------------------------------------------------------- SERVQUAL instrument
insert into survey_instruments
    (instrument_id, instrument_code, version, name_en, name_zh, scale_min, scale_max, is_default, created_by)
values
    (1, 'SERVQUAL22', 1, 'SERVQUAL - 22 items (retail store)', 'SERVQUAL服务质量模型 - 22项(零售门店)',
     1, 7, true, 'system');

insert into instrument_dimensions (instrument_id, dimension_code, position, name_en, name_zh, default_weight)
values
    (1, 'tangibles', 1, 'Tangibles', '有形性', 20),
    (1, 'reliability', 2, 'Reliability', '可靠性', 20),
    (1, 'responsiveness', 3, 'Responsiveness', '响应性', 20),
    (1, 'assurance', 4, 'Assurance', '保证性', 20),
    (1, 'empathy', 5, 'Empathy', '移情性', 20);

insert into instrument_items (instrument_id, item_no, dimension_code, text_en, text_zh)
values
    (1, 1, 'tangibles', 'The store has modern-looking equipment and fixtures.',
     '门店拥有现代化的设备和陈列设施。'),
    (1, 2, 'tangibles', 'The store''s physical facilities are visually appealing.',
     '门店的购物环境和设施美观、吸引人。'),
    (1, 3, 'tangibles', 'The store''s employees are neat in appearance.',
     '门店员工着装整洁、仪表得体。'),
    (1, 4, 'tangibles', 'Materials associated with the service (bags, leaflets, receipts) are visually appealing.',
     '与服务相关的物品(购物袋、宣传单、小票)美观清晰。'),
    (1, 5, 'reliability', 'When the store promises to do something by a certain time, it does so.',
     '门店承诺在某一时间完成的事情,都能按时做到。'),
    (1, 6, 'reliability', 'When a customer has a problem, the store shows a sincere interest in solving it.',
     '顾客遇到问题时,门店真诚地帮助解决。'),
    (1, 7, 'reliability', 'The store performs the service right the first time.',
     '门店第一次就能把服务做好。'),
    (1, 8, 'reliability', 'The store provides its services at the time it promises to do so.',
     '门店在承诺的时间提供服务。'),
    (1, 9, 'reliability', 'The store keeps prices, receipts and orders free of errors.',
     '门店的价格、小票和订单记录准确无误。'),
    (1, 10, 'responsiveness', 'Employees tell customers exactly when services will be performed.',
     '员工明确告诉顾客服务何时完成。'),
    (1, 11, 'responsiveness', 'Employees give customers prompt service.',
     '员工为顾客提供及时的服务。'),
    (1, 12, 'responsiveness', 'Employees are always willing to help customers.',
     '员工总是乐于帮助顾客。'),
    (1, 13, 'responsiveness', 'Employees are never too busy to respond to customers'' requests.',
     '员工再忙也会及时回应顾客的要求。'),
    (1, 14, 'assurance', 'The behaviour of employees instils confidence in customers.',
     '员工的言行举止让顾客信赖。'),
    (1, 15, 'assurance', 'Customers feel safe in their transactions with the store.',
     '顾客在门店购物和交易时感到放心。'),
    (1, 16, 'assurance', 'Employees are consistently courteous with customers.',
     '员工始终对顾客以礼相待。'),
    (1, 17, 'assurance', 'Employees have the knowledge to answer customers'' questions.',
     '员工具备回答顾客问题的专业知识。'),
    (1, 18, 'empathy', 'The store gives customers individual attention.',
     '门店对每位顾客给予个别关注。'),
    (1, 19, 'empathy', 'The store has opening hours convenient to all its customers.',
     '门店的营业时间方便所有顾客。'),
    (1, 20, 'empathy', 'The store has employees who give customers personal attention.',
     '门店员工会给予顾客个性化的关心。'),
    (1, 21, 'empathy', 'The store has the customers'' best interests at heart.',
     '门店把顾客的利益放在心上。'),
    (1, 22, 'empathy', 'Employees understand the specific needs of their customers.',
     '员工了解顾客的具体需求。');

select nextval('seq_instrument_id');

-- ---------------------------------------------------------------- 5S template
insert into fives_templates (template_id, template_code, version, name_en, name_zh, is_default, created_by)
values (1, 'FIVES_RETAIL', 1, '5S retail store inspection', '零售门店5S管理检查表', true, 'system');

insert into fives_sections (template_id, section_code, position, name_en, name_zh, weight)
values
    (1, 'sort', 1, 'Sort', '整理', 1),
    (1, 'set_in_order', 2, 'Set in order', '整顿', 1),
    (1, 'shine', 3, 'Shine', '清扫', 1),
    (1, 'standardize', 4, 'Standardize', '清洁', 1),
    (1, 'sustain', 5, 'Sustain', '素养', 1);

insert into fives_items (template_id, item_code, section_code, position, text_en, text_zh, weight, max_score)
values
    (1, 'SO1', 'sort', 1, 'Only the goods, display props and tools needed are on the sales floor and in the stockroom.',
     '卖场和仓库只存放需要的商品、陈列道具和工具。', 1, 4),
    (1, 'SO2', 'sort', 2, 'Expired, damaged or recalled goods are removed.',
     '过期、破损或召回商品已清出。', 1, 4),
    (1, 'SO3', 'sort', 3, 'Outdated promotion material is taken down.',
     '过期的促销物料已撤下。', 1, 4),
    (1, 'SO4', 'sort', 4, 'No personal items at the counter.',
     '收银台和服务台无个人物品。', 1, 4),
    (1, 'SO5', 'sort', 5, 'The stockroom is not overfilled.',
     '仓库不超量堆放。', 1, 4),
    (1, 'SE1', 'set_in_order', 1, 'Every product has a fixed, labelled place.',
     '每种商品都有固定且有标识的位置。', 1, 4),
    (1, 'SE2', 'set_in_order', 2, 'Price tags match the goods.',
     '价签与商品一致。', 1, 4),
    (1, 'SE3', 'set_in_order', 3, 'Displays follow the layout plan and draw the eye.',
     '陈列符合布局图且醒目吸引人。', 1, 4),
    (1, 'SE4', 'set_in_order', 4, 'Aisles and fire exits are clear.',
     '通道和消防出口畅通无阻。', 1, 4),
    (1, 'SE5', 'set_in_order', 5, 'Tools and supplies sit in marked places.',
     '工具和用品放在有标识的固定位置。', 1, 4),
    (1, 'SH1', 'shine', 1, 'Floor, shelves, fridges and counters are clean.',
     '地面、货架、冷柜和柜台干净整洁。', 1, 4),
    (1, 'SH2', 'shine', 2, 'There is no dust on the goods.',
     '商品表面无灰尘。', 1, 4),
    (1, 'SH3', 'shine', 3, 'Fitting rooms and rest rooms are clean.',
     '试衣间和卫生间干净。', 1, 4),
    (1, 'SH4', 'shine', 4, 'Equipment (tills, scales, scanners) is clean and works.',
     '设备(收银机、电子秤、扫码枪)清洁且运转正常。', 1, 4),
    (1, 'SH5', 'shine', 5, 'The shop front and entrance are clean.',
     '门头和入口干净整洁。', 1, 4),
    (1, 'ST1', 'standardize', 1, 'The cleaning schedule is posted and signed off.',
     '清洁计划表已张贴并按时签字确认。', 1, 4),
    (1, 'ST2', 'standardize', 2, 'Photos of the standard are shown at each zone.',
     '各区域张贴标准照片。', 1, 4),
    (1, 'ST3', 'standardize', 3, 'Each zone has a named person responsible.',
     '每个区域都有指定的责任人。', 1, 4),
    (1, 'ST4', 'standardize', 4, 'Checklists are current.',
     '检查表为最新版本。', 1, 4),
    (1, 'ST5', 'standardize', 5, 'Shift handover follows the standard checklist and is signed.',
     '交接班按标准清单进行并签字。', 1, 4),
    (1, 'SU1', 'sustain', 1, 'Staff wear uniform and name badge.',
     '员工穿着工装并佩戴工牌。', 1, 4),
    (1, 'SU2', 'sustain', 2, 'Customers are greeted and served by the service standard.',
     '按服务规范迎接和接待顾客。', 1, 4),
    (1, 'SU3', 'sustain', 3, 'Training is recorded.',
     '培训有记录。', 1, 4),
    (1, 'SU4', 'sustain', 4, 'The last inspection''s findings are closed.',
     '上次检查发现的问题已整改关闭。', 1, 4),
    (1, 'SU5', 'sustain', 5, 'The store''s own self-checks are done.',
     '门店自查已按要求完成。', 1, 4);

select nextval('seq_template_id');
