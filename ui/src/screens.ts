// The screens of the app, in side-navigation order. A new screen is one entry here; the
// navigation, the Alt+digit shortcuts and the test hook `nav-<id>` follow from it.

import type { Component } from 'svelte';

import type { IconName } from './components/Icon.svelte';
import DashboardScreen from './dashboard/DashboardScreen.svelte';
import RegisterScreen from './register/RegisterScreen.svelte';
import FrameworkScreen from './framework/FrameworkScreen.svelte';
import ChecklistScreen from './checklist/ChecklistScreen.svelte';
import PlanScreen from './plan/PlanScreen.svelte';
import WorkListScreen from './worklist/WorkListScreen.svelte';
import InspectionScreen from './inspection/InspectionScreen.svelte';
import EvidenceScreen from './evidence/EvidenceScreen.svelte';
import DocumentsScreen from './documents/DocumentsScreen.svelte';
import ExchangeScreen from './exchange/ExchangeScreen.svelte';
import FollowupScreen from './followup/FollowupScreen.svelte';

export interface ScreenDef {
  id: string;
  label: string;
  /** One line under the label in the navigation's tooltip. */
  description: string;
  icon: IconName;
  component: Component;
}

export const SCREENS: ScreenDef[] = [
  {
    id: 'dashboard',
    label: 'Tổng quan',
    description: 'Số liệu của năm: độ bao phủ so với ngưỡng, các cuộc kiểm tra theo trạng thái, kết quả theo lĩnh vực, kiến nghị quá hạn',
    icon: 'chart',
    component: DashboardScreen,
  },
  {
    id: 'register',
    label: 'Danh sách cơ quan',
    description: 'Các sở, ban, ngành và UBND xã, phường thuộc diện kiểm tra',
    icon: 'building',
    component: RegisterScreen,
  },
  {
    id: 'framework',
    label: 'Khung chỉ số CCHC',
    description: 'Lĩnh vực, tiêu chí và điểm tối đa của Chỉ số CCHC',
    icon: 'layers',
    component: FrameworkScreen,
  },
  {
    id: 'checklist',
    label: 'Danh mục kiểm tra',
    description: 'Các mục kiểm tra theo Kế hoạch CCHC của tỉnh',
    icon: 'list-checks',
    component: ChecklistScreen,
  },
  {
    id: 'plan',
    label: 'Kế hoạch kiểm tra',
    description: 'Chọn cơ quan được kiểm tra trong năm, bốc thăm, xếp lịch, phân công đoàn và phê duyệt',
    icon: 'clipboard-check',
    component: PlanScreen,
  },
  {
    id: 'worklist',
    label: 'Việc cần làm',
    description: 'Các cuộc kiểm tra trong kế hoạch của năm, của đoàn bạn trước',
    icon: 'briefcase',
    component: WorkListScreen,
  },
  {
    id: 'inspection',
    label: 'Kiểm tra',
    description: 'Ghi kết quả từng mục kiểm tra, phát hiện và chấm điểm; nộp để Trưởng đoàn duyệt',
    icon: 'file-check',
    component: InspectionScreen,
  },
  {
    id: 'evidence',
    label: 'Tài liệu kiểm chứng',
    description: 'Đính kèm tệp kiểm chứng, gắn với tiêu chí và mục kiểm tra; ma trận đầy đủ, kiểm tra toàn vẹn',
    icon: 'paperclip',
    component: EvidenceScreen,
  },
  {
    id: 'documents',
    label: 'Văn bản',
    description: 'Xem trước, in và ban hành thông báo kết luận; biên bản và kế hoạch kiểm tra; thiết lập văn bản',
    icon: 'printer',
    component: DocumentsScreen,
  },
  {
    id: 'followup',
    label: 'Theo dõi khắc phục',
    description: 'Kiến nghị trong thông báo kết luận, hạn và tình trạng khắc phục; ghi báo cáo khắc phục của cơ quan',
    icon: 'flag',
    component: FollowupScreen,
  },
  {
    id: 'exchange',
    label: 'Trao đổi',
    description: 'Trao đổi dữ liệu giữa các máy của đoàn bằng tệp có chữ ký: xuất, nhập, xung đột cần Trưởng đoàn giải quyết',
    icon: 'send',
    component: ExchangeScreen,
  },
];
